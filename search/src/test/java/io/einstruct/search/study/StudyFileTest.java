package io.einstruct.search.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.library.Library;
import io.einstruct.search.Studies;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyFileTest {
  private static final Library LIBRARY = Library.builtIns();

  @TempDir Path dir;

  @Test
  void expandsStructuresParameterGridsWidthsRatesAndSeeds() {
    StudyFile f =
        Studies.parse(
            "s.yaml",
            """
        name: grid
        task: {data: teacher, steps: 10, batch: 32, seeds: [0, 1]}
        structures:
          - builtin: dense
          - builtin: btt
            params: {rank: [1, 2]}
        widths: [16, 32]
        lrs: [0.001, 0.003]
        """,
            dir);
    Expansion e = StudyExpander.expand(f, LIBRARY);
    assertThat(e.trials()).hasSize(3 * 2 * 2 * 2);
    assertThat(e.trials())
        .extracting(TrialSpec::label)
        .containsSubsequence("dense", "btt rank=1", "btt rank=2");
    TrialSpec first = e.trials().get(0);
    assertThat(first.number()).isZero();
    assertThat(first.width()).isEqualTo(16);
    assertThat(first.config().optim().lr()).isEqualTo(0.001);
    assertThat(first.config().run().seed()).isZero();
    assertThat(first.config().run().steps()).isEqualTo(10);
    assertThat(first.flops()).isEqualTo(6.0 * first.forwardMacs() * 10 * 32);
    assertThat(e.trials()).extracting(TrialSpec::key).doesNotHaveDuplicates();
    TrialSpec btt =
        e.trials().stream().filter(t -> t.label().equals("btt rank=2")).findFirst().orElseThrow();
    assertThat(btt.config().model().params()).containsExactly("rank=2");
    assertThat(btt.group()).isEqualTo("btt rank=2 | width 16");
    assertThat(btt.config().model().source())
        .isEqualTo(LIBRARY.find("btt").orElseThrow().decl().source().text());
  }

  @Test
  void comparesBttMoeWithTheStandardMixtureInOneStudy() throws Exception {
    Path text = Files.writeString(dir.resolve("corpus.txt"), "some text to model. ".repeat(400));
    StudyFile f =
        Studies.parse(
            "s.yaml",
            """
        name: moe
        task: {model: gpt, data: "text:%s", context: 16, heads: 2, d0: 32, steps: 5, batch: 4}
        structures:
          - builtin: btt_moe
            params: {experts: 8, k: 2}
          - builtin: dense
            experts: 8
            top: 2
            attention: dense
            name: std-moe
        widths: [32]
        """
                .formatted(text),
            dir);
    Expansion e = StudyExpander.expand(f, LIBRARY);
    assertThat(e.skipped()).isEmpty();
    assertThat(e.trials())
        .extracting(TrialSpec::label)
        .containsExactly("btt_moe experts=8 k=2", "std-moe");
    TrialSpec moe = e.trials().get(1);
    assertThat(moe.config().model().transformer().experts()).isEqualTo(8);
    assertThat(moe.config().model().transformer().attention()).isEqualTo("dense");
    assertThat(moe.config().data().context()).isEqualTo(16);
    TrialSpec btt = e.trials().get(0);
    assertThat(btt.config().model().transformer().experts()).isZero();
    // both count FLOPs per sequence of 16 tokens, experts at k / E of their cost
    assertThat(moe.flops()).isEqualTo(6.0 * moe.forwardMacs() * 5 * 4);
    assertThat(moe.forwardMacs()).isLessThan(btt.forwardMacs() * 8);
  }

  @Test
  void gptStudiesRunAsThePapersDidUnlessTheTaskSaysOtherwise() throws Exception {
    Path text = Files.writeString(dir.resolve("corpus.txt"), "some text to model. ".repeat(400));
    String study =
        """
        name: gpt
        task: {model: gpt, data: "text:%s", context: 16, heads: 2, d0: 32, steps: 5, batch: 4%s}
        structures: [{builtin: btt}]
        widths: [64]
        """;
    TrialSpec paper =
        StudyExpander.expand(Studies.parse("s.yaml", study.formatted(text, ""), dir), LIBRARY)
            .trials()
            .get(0);
    assertThat(paper.config().model().baseExpansion()).isEqualTo(1);
    assertThat(paper.config().model().transformer().attnScaleC()).isEqualTo(8.0);
    assertThat(paper.config().model().transformer().depthScaling()).isTrue();
    assertThat(paper.config().optim().finalLrFraction()).isEqualTo(0.1);
    // the dense head maps 64 → 256 at each of the 16 positions
    assertThat(paper.headMacs()).isEqualTo(64L * 256 * 16);
    String chosen =
        ", base_expansion: 4, attn_scale_c: 4.0, d_head: 16, attn_width: 32, depth_scaling: false,"
            + " weight_norm: true, weight_norm_scope: ALL, weight_norm_gain: false,"
            + " head_structure: lowrank, head_params: {rank: 3}, final_lr_frac: 0.0";
    TrialSpec other =
        StudyExpander.expand(Studies.parse("s.yaml", study.formatted(text, chosen), dir), LIBRARY)
            .trials()
            .get(0);
    var m = other.config().model();
    assertThat(m.baseExpansion()).isEqualTo(4);
    assertThat(m.transformer().attnScaleC()).isEqualTo(4.0);
    assertThat(m.transformer().dHead()).isEqualTo(16);
    assertThat(m.transformer().attnWidth()).isEqualTo(32);
    assertThat(m.transformer().depthScaling()).isFalse();
    assertThat(m.weightNormScope()).isEqualTo(io.einstruct.train.compile.WeightNormScope.ALL);
    assertThat(m.weightNormGain()).isFalse();
    assertThat(m.head()).isEqualTo("lowrank");
    assertThat(m.headParams()).containsExactly("rank=3");
    assertThat(m.headSource())
        .isEqualTo(LIBRARY.find("lowrank").orElseThrow().decl().source().text());
    assertThat(other.config().optim().finalLrFraction()).isZero();
    assertThat(other.headMacs()).isEqualTo(3L * (64 + 256) * 16);
    assertThat(other.key()).isNotEqualTo(paper.key());
    // the low-rank head (64 → 256 at rank 3) costs less than the dense one
    assertThat(other.forwardMacs()).isLessThan(paper.forwardMacs());

    assertThatThrownBy(
            () -> Studies.parse("s.yaml", study.formatted(text, ", final_lr_frac: 2"), dir))
        .isInstanceOf(EinError.class)
        .hasMessageStartingWith(
            "s.yaml:2:%d: 'task.final_lr_frac' must be between 0 and 1, got 2.0"
                .formatted(
                    study
                            .formatted(text, ", final_lr_frac: 2")
                            .lines()
                            .toList()
                            .get(1)
                            .indexOf("final_lr_frac")
                        + 1));
  }

  @Test
  void anMlpStudyRefusesAttentionKeys() {
    assertThatThrownBy(
            () ->
                Studies.parse(
                    "s.yaml",
                    """
        name: x
        task: {data: teacher, d_head: 16}
        structures: [{builtin: dense}]
        widths: [8]
        """,
                    dir))
        .isInstanceOf(EinError.class)
        .hasMessage(
            "s.yaml:2:23: 'task.d_head' applies to the attention of vit and gpt models, not to an"
                + " mlp\n  task: {data: teacher, d_head: 16}\n                        ^~~~~~");
  }

  @Test
  void inlinesFileSourcesAndRealisesThetaPoints() throws Exception {

    Files.writeString(
        dir.resolve("mine.ein"),
        """
        structure mine(d_in, d_out, r = 2) {
          dim o = d_out
          dim i = d_in
          dim k = r
          y[o] = U[o, k] * V[k, i] * x[i]
        }
        """);
    StudyFile f =
        Studies.parse(
            "s.yaml",
            """
        name: files
        task: {data: teacher, steps: 4}
        structures:
          - file: mine.ein
            params: {r: 3}
          - theta: (1/2|0|1/2|0|1/2|1/2|0)
        widths: [64]
        """,
            dir);
    Expansion e = StudyExpander.expand(f, LIBRARY);
    assertThat(e.skipped()).isEmpty();
    assertThat(e.trials())
        .extracting(TrialSpec::label)
        .containsExactly("mine r=3", "θ(½|0|½|0|½|½|0)");
    assertThat(e.trials().get(0).config().model().source()).contains("structure mine(");
    assertThat(e.trials().get(1).config().model().source()).contains("allow padding");
  }

  /**
   * θ drawn from a region bind at every width of the study: at widths 64 and 128 most of the whole
   * space rounds too far from the layers' sizes, and such draws used to become skipped trials.
   */
  @Test
  void thetaDrawsAreKeptOnlyWhereTheyBindAtEveryWidth() {
    String text =
        """
        name: drawn
        task: {data: teacher, steps: 4}
        structures:
          - theta_range: {}
        widths: [64, 128]
        sampler: {kind: theta-random, samples: 6, seed: 7}
        """;
    Expansion e = StudyExpander.expand(Studies.parse("d.yaml", text, dir), LIBRARY);
    assertThat(e.skipped()).isEmpty();
    assertThat(e.trials()).hasSize(12);
    assertThat(e.trials().stream().map(TrialSpec::label).distinct()).hasSize(6);
    assertThat(e.trials()).allSatisfy(t -> assertThat(t.label()).startsWith("θ("));
    // the same seed draws the same points
    assertThat(StudyExpander.expand(Studies.parse("d.yaml", text, dir), LIBRARY).trials())
        .extracting(TrialSpec::label)
        .isEqualTo(e.trials().stream().map(TrialSpec::label).toList());
    // a region none of whose points bind: one positioned error, not a study of skipped trials
    String none =
        text.replace("theta_range: {}", "theta_range: {alpha: [0.4, 0.45], delta: [0.4, 0.45]}")
            .replace("widths: [64, 128]", "widths: [5, 7]");
    assertThatThrownBy(() -> StudyExpander.expand(Studies.parse("n.yaml", none, dir), LIBRARY))
        .isInstanceOf(EinError.class)
        .hasMessageContaining(
            "this θ region holds too few valid, canonical, non-degenerate points that bind at every"
                + " width: found ");
  }

  @Test
  void samplesBudgetsAndSkipsWhatCannotBeRealised() {
    StudyFile f =
        Studies.parse(
            "s.yaml",
            """
        name: sampled
        task: {data: teacher, steps: 4}
        structures:
          - theta_grid: {fractions: [0, 0.5, 1]}
        widths: [8, 64]
        sampler: {kind: random, samples: 5, seed: 3}
        """,
            dir);
    Expansion e = StudyExpander.expand(f, LIBRARY);
    assertThat(e.trials()).hasSize(5);
    assertThat(e.trials()).extracting(TrialSpec::number).containsExactly(0, 1, 2, 3, 4);
    StudyFile budget =
        Studies.parse(
            "b.yaml",
            """
        name: budget
        task: {data: teacher, steps: 4}
        structures: [{builtin: dense}]
        widths: [8, 16, 32, 64]
        budget: {max_trials: 2}
        """,
            dir);
    Expansion b = StudyExpander.expand(budget, LIBRARY);
    assertThat(b.trials()).extracting(TrialSpec::width).containsExactly(8, 16);
    assertThat(b.overBudget()).isEqualTo(2);
  }

  @Test
  void rejectsAnUnknownKeyWithPositionAndSuggestion() {
    assertThatThrownBy(
            () ->
                Studies.parse(
                    "bad.yaml",
                    """
        name: x
        task: {data: teacher}
        structures: [{builtin: dense}]
        widht: [8]
        """,
                    dir))
        .isInstanceOf(EinError.class)
        .hasMessage(
            """
        bad.yaml:4:1: unknown key 'widht'; did you mean 'widths'? known: budget, lrs, name, \
        pruner, sampler, structures, task, widths
          widht: [8]
          ^~~~~""");
  }

  @Test
  void rejectsAWrongTypeWithTheKey() {
    assertThatThrownBy(
            () ->
                Studies.parse(
                    "bad.yaml",
                    """
        name: x
        task:
          data: teacher
          epochs: two
        structures: [{builtin: dense}]
        widths: [8]
        """,
                    dir))
        .isInstanceOf(EinError.class)
        .hasMessageStartingWith(
            "bad.yaml:4:3: bad value for 'task.epochs': expected an " + "integer, got 'two'");
  }

  @Test
  void rejectsBadValuesAtTheirKeys() {
    assertThatThrownBy(
            () ->
                Studies.parse(
                    "bad.yaml",
                    """
        name: x
        task: {data: teacher}
        structures:
          - builtin: dense
          - builtin: btt
            file: also.ein
        widths: [8]
        """,
                    dir))
        .isInstanceOf(EinError.class)
        .hasMessage(
            """
        bad.yaml:5:5: structures[1]: give exactly one of builtin, file, theta, theta_grid or \
        theta_range, found 2
            - builtin: btt
              ^""");
    assertThatThrownBy(
            () ->
                Studies.parse(
                    "bad.yaml",
                    """
        name: x
        task: {data: teacher}
        structures: [{builtin: dense}]
        widths: [8, -2]
        """,
                    dir))
        .isInstanceOf(EinError.class)
        .hasMessageStartingWith("bad.yaml:4:13: 'widths[1]' must be positive, got -2");
    assertThatThrownBy(
            () ->
                StudyExpander.expand(
                    Studies.parse(
                        "bad.yaml",
                        """
        name: x
        task: {data: teacher}
        structures: [{builtin: btt, params: {rnak: 2}}]
        widths: [8]
        """,
                        dir),
                    LIBRARY))
        .isInstanceOf(EinError.class)
        .hasMessageStartingWith("bad.yaml:3:");
    assertThatThrownBy(
            () ->
                StudyExpander.expand(
                    Studies.parse(
                        "bad.yaml",
                        """
        name: x
        task: {data: teacher}
        structures: [{builtin: bt}]
        widths: [8]
        """,
                        dir),
                    LIBRARY))
        .isInstanceOf(EinError.class)
        .hasMessageContaining("no built-in structure 'bt';");
  }
}
