package io.einstruct.train.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.einstruct.dsl.EinError;
import io.einstruct.dsl.library.Library;
import io.einstruct.train.data.DataShape;
import io.einstruct.train.model.GptSpec;
import io.einstruct.train.model.LayerPlan;
import io.einstruct.train.model.MlpSpec;
import io.einstruct.train.model.TransformerBody;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * New configurations follow the papers' reference runs; configurations written before these
 * settings existed keep their meaning (and their JSON, which is a study trial's key).
 */
class PaperDefaultsTest {
  private static final Library LIBRARY = Library.builtIns();
  private static final DataShape TEXT = DataShape.text(16, 256, 4096);

  private static TrainConfig gpt(TransformerConfig t, Integer baseExpansion) {
    ModelConfig m = TestModels.model("gpt", "dense", List.of(), 128, 6, 4, 64, t);
    return TrainConfig.defaults()
        .with(m.toBuilder().baseExpansion(baseExpansion).build())
        .with(new DataConfig(DataSource.parse("text:x"), 0, false, 0, 0, false, 8, 256, 6, 16));
  }

  private static LayerPlan layer(List<LayerPlan> layers, String name) {
    return layers.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aNewGptRunsAsBothPapersRanIt() {
    TrainConfig c = PaperDefaults.complete(gpt(TransformerConfig.defaults(), null));
    assertThat(c.model().baseExpansion()).isEqualTo(1);
    assertThat(c.model().transformer().attnScaleC()).isEqualTo(8.0);
    assertThat(c.model().transformer().depthScaling()).isTrue();
    assertThat(c.optim().finalLrFraction()).isEqualTo(0.1);
    GptSpec spec = (GptSpec) RunModels.spec(LIBRARY, c, TEXT);
    TransformerBody body = spec.body();
    // width 128, 4 heads: d_head 32, logits × 8/32; depth 6: branches × √(3/6)
    assertThat(body.attentionScale()).isEqualTo(0.25);
    assertThat(body.branchMultiplier()).isCloseTo(Math.sqrt(0.5), within(1e-15));
    // d0/d = 1/2 for fc1; the base model's FFN is 1·d0 wide, so fc2 trains at d0/(4d) = 1/8
    assertThat(layer(body.layers(), "blocks.0.ffn.fc1").widthMultiplier()).isEqualTo(0.5);
    assertThat(layer(body.layers(), "blocks.0.ffn.fc2").widthMultiplier()).isEqualTo(0.125);
    assertThat(layer(body.layers(), "blocks.0.attn.out").widthMultiplier()).isEqualTo(0.5);
  }

  /** BTT-MoE's fc2 router trains at fc2's dense rate, d0/(4d) with the papers' base model. */
  @Test
  void theSecondLayersRouterTrainsAtTheBaseModelsRate() {
    TrainConfig c = PaperDefaults.complete(gpt(TransformerConfig.defaults(), null));
    TrainConfig moe =
        c.with(
            c.model().toBuilder()
                .structure("btt_moe", null, List.of("experts=4", "k=2"), null)
                .width(32)
                .build());
    GptSpec spec = (GptSpec) RunModels.spec(LIBRARY, moe, TEXT);
    try (var model =
        spec.build(
            io.einstruct.train.compile.CompileOptions.defaults(),
            io.einstruct.train.optim.AdamConfig.of(1e-3),
            2,
            new io.einstruct.train.tf.SessionOptions(1, 1, io.einstruct.train.tf.Device.CPU))) {
      var scales = model.learningRateScales();
      // width 32, d0 64: fc1 at d0/d = 2, fc2 at d0/(4d) = 1/2, each router at its layer's rate
      assertThat(scales.get("blocks.0.ffn.fc1.router")).isEqualTo(2.0);
      assertThat(scales.get("blocks.0.ffn.fc2.router")).isEqualTo(0.5);
    }
  }

  @Test
  void aFixedHeadWidthGrowsTheHeadsWithTheAttentionWidth() {
    TransformerConfig t =
        new TransformerConfig(4, 0, "same", List.of(), 0, 2, null, 32, false, 256);
    TransformerBody body =
        ((GptSpec) RunModels.spec(LIBRARY, PaperDefaults.complete(gpt(t, null)), TEXT)).body();
    assertThat(body.heads()).isEqualTo(8);
    assertThat(body.headWidth()).isEqualTo(32);
    assertThat(body.attentionWidth()).isEqualTo(256);
    assertThat(body.branchMultiplier()).isEqualTo(1.0);
    List<LayerPlan> layers = body.layers();
    assertThat(layer(layers, "blocks.0.attn.q").structure().dOut()).isEqualTo(256);
    assertThat(layer(layers, "blocks.0.attn.out").structure().dIn()).isEqualTo(256);
    // the output's fan-in is A = 256 against d0 = 64 in the base model
    assertThat(layer(layers, "blocks.0.attn.out").widthMultiplier()).isEqualTo(0.25);

    TransformerConfig ragged =
        new TransformerConfig(4, 0, "same", List.of(), 0, 2, null, 48, null, null);
    assertThatThrownBy(
            () -> RunModels.spec(LIBRARY, PaperDefaults.complete(gpt(ragged, null)), TEXT))
        .isInstanceOf(EinError.class)
        .hasMessage("d_head: heads of 48 do not tile the attention width 128; use a divisor of it");
  }

  /**
   * A configuration read from a file written before these settings existed has them null and builds
   * the blocks as einstruct did then: √(d0/heads)/d_head, fc2 at d0/d, no multiplier.
   */
  @Test
  void anOlderConfigurationBuildsWhatItBuiltBefore() throws Exception {
    TrainConfig old = gpt(TransformerConfig.defaults(), null);
    String json = Json.mapper().writeValueAsString(old);
    for (String key :
        List.of(
            "base_expansion",
            "attn_scale_c",
            "d_head",
            "depth_scaling",
            "attn_width",
            "weight_norm_scope",
            "weight_norm_gain",
            "head",
            "head_params",
            "head_source",
            "final_lr_fraction")) {
      assertThat(json).as(key).doesNotContain("\"" + key + "\"");
    }
    TrainConfig read = Json.mapper().readValue(json, TrainConfig.class);
    assertThat(read).isEqualTo(old);
    TransformerBody body = ((GptSpec) RunModels.spec(LIBRARY, read, TEXT)).body();
    assertThat(body.attentionScale()).isCloseTo(Math.sqrt(64.0 / 4) / 32, within(1e-15));
    assertThat(body.branchMultiplier()).isEqualTo(1.0);
    assertThat(layer(body.layers(), "blocks.0.ffn.fc2").widthMultiplier()).isEqualTo(0.5);
    assertThat(RunModels.finalLrFraction(read.optim())).isZero();
  }

  /** An MLP has nothing to fill: its configuration, and so its trial key, stay as they were. */
  @Test
  void anMlpConfigurationIsUnchanged() throws Exception {
    TrainConfig mlp = TrainConfig.defaults();
    assertThat(PaperDefaults.complete(mlp)).isEqualTo(mlp);
    JsonNode model = Json.mapper().valueToTree(mlp.model());
    List<String> fields = new ArrayList<>();
    model.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "kind",
            "structure",
            "structure_name",
            "params",
            "input_structure",
            "width",
            "depth",
            "expansion",
            "base_width",
            "weight_norm",
            "naive_lr",
            "lowering",
            "source",
            "transformer");
    MlpSpec spec =
        (MlpSpec)
            RunModels.spec(
                LIBRARY, mlp, DataShape.vectors(784, 10, 1024, io.einstruct.train.data.Loss.MSE));
    // width 256, d0 64: every block layer at d0/d
    assertThat(layer(spec.layers(), "blocks.0.fc2").widthMultiplier()).isEqualTo(0.25);
  }

  @Test
  void anMlpRefusesAttentionSettings() {
    TrainConfig mlp = TrainConfig.defaults();
    TrainConfig withHeadWidth =
        mlp.with(
            mlp.model().toBuilder()
                .transformer(
                    new TransformerConfig(4, 0, "same", List.of(), 0, 2, null, 16, null, null))
                .build());
    assertThatThrownBy(
            () ->
                RunModels.spec(
                    LIBRARY,
                    withHeadWidth,
                    DataShape.vectors(784, 10, 1024, io.einstruct.train.data.Loss.MSE)))
        .isInstanceOf(EinError.class)
        .hasMessage("d_head: applies to the attention of vit and gpt models, not to an mlp");
  }

  @Test
  void weightNormDefaultsToTheStructuredScopeWithGains() {
    TrainConfig c = TrainConfig.defaults();
    ModelConfig m = c.model();
    TrainConfig normed =
        c.with(
            new ModelConfig(
                m.kind(),
                m.structure(),
                null,
                m.params(),
                m.inputStructure(),
                m.width(),
                m.depth(),
                m.expansion(),
                m.baseWidth(),
                true,
                false,
                io.einstruct.train.compile.Lowering.AUTO,
                null,
                m.transformer()));
    TrainConfig completed = PaperDefaults.complete(normed);
    assertThat(completed.model().weightNormScope().key()).isEqualTo("structured");
    assertThat(completed.model().weightNormGain()).isTrue();
    assertThat(RunModels.weightNorm(completed.model()).scope().key()).isEqualTo("structured");
    // written before scopes existed: every layer
    assertThat(RunModels.weightNorm(normed.model()).scope().key()).isEqualTo("all");
  }
}
