package io.einstruct.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.train.compile.CompileOptions;
import io.einstruct.train.compile.Lowering;
import io.einstruct.train.compile.WeightNormOptions;
import io.einstruct.train.compile.WeightNormScope;
import io.einstruct.train.optim.AdamConfig;
import io.einstruct.train.tf.Device;
import io.einstruct.train.tf.SessionOptions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Which factors weight normalisation wraps, seen through the gains it adds: compute-better-spent
 * normalises structured layers only and drops the gain of q and k under QK-LayerNorm; einsum-search
 * normalises without gains; einstruct's first scope wrapped everything.
 */
class WeightNormScopeTest {
  private static final Library LIBRARY = Library.builtIns();
  private static final SessionOptions CPU = new SessionOptions(1, 1, Device.CPU);

  private static StructureChoice choice(String name) {
    return new StructureChoice(LIBRARY.find(name).orElseThrow(), Args.none());
  }

  /** The factor gains of a GPT with BTT blocks and a dense head under {@code norm}. */
  private static Set<String> factorGains(WeightNormOptions norm) {
    StructureChoice btt = choice("btt");
    GptSpec spec =
        new GptSpec(
            16,
            4,
            new TransformerBody(16, 1, 2, 2, 16, btt, btt, null, false, false, 16, 8, 1, 1),
            StructureChoice.dense(LIBRARY));
    try (Model model =
        spec.build(new CompileOptions(norm, false, Lowering.AUTO), AdamConfig.of(1e-3), 2, CPU)) {
      Set<String> gains = new TreeSet<>();
      for (String name : model.learningRateScales().keySet()) {
        // LayerNorm gains are named "<norm>.gain"; factor gains "<layer>.<factor>.gain"
        if (name.matches(".*\\.(W|L|R)\\.gain")) {
          gains.add(name);
        }
      }
      assertThat(model.info()).isEqualTo(spec.info(norm));
      return gains;
    }
  }

  @Test
  void theStructuredScopeSkipsDenseLayersAndTheGainsOfQueriesAndKeys() {
    assertThat(factorGains(WeightNormOptions.structured()))
        .containsExactly(
            "blocks.0.attn.out.L.gain",
            "blocks.0.attn.out.R.gain",
            "blocks.0.attn.v.L.gain",
            "blocks.0.attn.v.R.gain",
            "blocks.0.ffn.fc1.L.gain",
            "blocks.0.ffn.fc1.R.gain",
            "blocks.0.ffn.fc2.L.gain",
            "blocks.0.ffn.fc2.R.gain");
  }

  @Test
  void theFullScopeNormalisesEveryFactorWithAGain() {
    Set<String> gains = factorGains(WeightNormOptions.all());
    assertThat(gains).hasSize(13).contains("head.W.gain", "blocks.0.attn.q.R.gain");
  }

  @Test
  void normalisationCanGoWithoutGains() {
    assertThat(factorGains(new WeightNormOptions(true, WeightNormScope.STRUCTURED, false)))
        .isEmpty();
    assertThat(factorGains(new WeightNormOptions(true, WeightNormScope.ALL, false))).isEmpty();
    assertThat(List.of(WeightNormScope.parse("Structured"), WeightNormScope.parse("ALL")))
        .containsExactly(WeightNormScope.STRUCTURED, WeightNormScope.ALL);
  }
}
