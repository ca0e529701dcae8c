package io.einstruct.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.einstruct.dsl.eval.DoubleTensor;
import io.einstruct.dsl.eval.ReferenceEvaluator;
import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.model.Factor;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.dsl.tensor.NamedTensor;
import io.einstruct.dsl.tensor.Safetensors;
import io.einstruct.train.run.EvalPoint;
import io.einstruct.train.run.MetricsLog;
import io.einstruct.train.run.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code project} from runs and matrices, and {@code train --init-from} of what it writes. */
class ProjectCommandTest {
  @TempDir static Path dir;

  static Path dense;

  @BeforeAll
  static void train() {
    dense = dir.resolve("dense");
    TinyRuns.teacher("--steps", "6", "--eval-every", "3", "--out", dense.toString());
  }

  /**
   * Low rank at full rank holds any matrix: projecting every layer onto it and starting a run from
   * the file gives the dense run's own test loss before any step, which checks the projection, the
   * factors' names and layout in the file and their loading into the compiled model at once.
   */
  @Test
  void aProjectedRunStartsWhereTheDenseRunEnded() {
    Path file = dir.resolve("full.safetensors");
    MainTest.Run p =
        project(
            "--structure",
            "lowrank",
            "-p",
            "rank=8",
            "--from",
            dense.toString(),
            "--out",
            file.toString());
    assertThat(p.code()).as(p.err()).isZero();
    assertThat(p.out())
        .containsPattern("blocks\\.0\\.fc1 +8 → 32 +dense +closed-form +0\\.0000 ")
        .containsPattern("head +8 → 1 +dense +copied ");
    assertThat(p.err()).contains("projecting blocks.0.fc2 (3/4)");
    assertThat(Safetensors.read(file).metadata())
        .containsEntry("einstruct.structure", "lowrank")
        .containsEntry("einstruct.projected_from", dense.toString());

    Path run = dir.resolve("from-full");
    MainTest.Run t =
        TinyRuns.teacher(
            "--structure",
            "lowrank",
            "-p",
            "rank=8",
            "--steps",
            "1",
            "--init-from",
            file.toString(),
            "--out",
            run.toString());
    List<EvalPoint> points = new MetricsLog(dense.resolve(Trainer.METRICS)).read();
    assertThat(lossBeforeTraining(t))
        .isCloseTo(points.get(points.size() - 1).testLoss(), within(2e-4));
  }

  /**
   * The same through a GPT's attention and FFN layers (head copied), and through `export`: a run's
   * exported file starts a run of its own structure where it ended.
   */
  @Test
  void aGptProjectedOrExportedStartsWhereItEnded() throws Exception {
    Path run = dir.resolve("gpt");
    TinyRuns.gpt(dir, "--steps", "12", "--eval-every", "6", "--out", run.toString());
    List<EvalPoint> points = new MetricsLog(run.resolve(Trainer.METRICS)).read();
    double ended = points.get(points.size() - 1).testLoss();

    Path projected = dir.resolve("gpt-lowrank.safetensors");
    MainTest.Run p =
        project(
            "--structure",
            "lowrank",
            "-p",
            "rank=16",
            "--from",
            run.toString(),
            "--out",
            projected.toString());
    assertThat(p.code()).as(p.err()).isZero();
    assertThat(p.out())
        .containsPattern("blocks\\.0\\.attn\\.q +16 → 16 +dense +closed-form +0\\.0000 ")
        .containsPattern("head +16 → 256 +dense +copied ");
    Path exported = dir.resolve("gpt.safetensors");
    MainTest.Run e =
        MainTest.run(
            "export", run.toString(), "--format", "safetensors", "--out", exported.toString());
    assertThat(e.code()).as(e.err()).isZero();

    for (String[] start :
        new String[][] {
          {"--structure", "lowrank", "-p", "rank=16", "--init-from", projected.toString()},
          {"--init-from", exported.toString()}
        }) {
      List<String> again = new java.util.ArrayList<>(List.of(start));
      again.addAll(
          List.of("--steps", "1", "--out", dir.resolve("again-" + start.length).toString()));
      assertThat(lossBeforeTraining(TinyRuns.gpt(dir, again.toArray(String[]::new))))
          .isCloseTo(ended, within(2e-4));
    }
  }

  /** {@code einstruct project} with these options. */
  private static MainTest.Run project(String... options) {
    List<String> args = new java.util.ArrayList<>(List.of("project"));
    args.addAll(List.of(options));
    return MainTest.run(args.toArray(String[]::new));
  }

  /** The test loss a run from a file reports before its first step; every tensor set. */
  private static double lossBeforeTraining(MainTest.Run t) {
    Matcher m =
        Pattern.compile(
                "starting from .*: (\\d+) of (\\d+) parameter tensors; before training: test"
                    + " loss ([0-9.]+)")
            .matcher(t.err());
    assertThat(m.find()).as(t.err()).isTrue();
    assertThat(m.group(1)).isEqualTo(m.group(2));
    return Double.parseDouble(m.group(3));
  }

  /** A compressed start: BTT at rank 1 loses something, and the loss says so. */
  @Test
  void aLossyProjectionSaysHowFarItIs() {
    Path file = dir.resolve("btt.safetensors");
    MainTest.Run p =
        project("--structure", "btt", "--from", dense.toString(), "--out", file.toString());
    assertThat(p.code()).as(p.err()).isZero();
    Matcher m =
        Pattern.compile("blocks\\.0\\.fc1 +8 → 32 +dense +closed-form +([0-9.]+) ")
            .matcher(p.out());
    assertThat(m.find()).as(p.out()).isTrue();
    assertThat(Double.parseDouble(m.group(1))).isBetween(0.05, 1.0);
    assertThat(p.out()).contains(file + ": ").contains("fewer)");
  }

  @Test
  void aFileForAnotherModelIsRefusedBeforeTheRunDirectoryExists() {
    Path file = dir.resolve("btt-for-8.safetensors");
    assertThat(
            project("--structure", "btt", "--from", dense.toString(), "--out", file.toString())
                .code())
        .isZero();
    Path run = dir.resolve("wrong");
    MainTest.Run t =
        TinyRuns.tryTeacher(
            "--structure",
            "btt",
            "-p",
            "rank=2",
            "--steps",
            "1",
            "--init-from",
            file.toString(),
            "--out",
            run.toString());
    assertThat(t.code()).isEqualTo(2);
    assertThat(t.err().strip())
        .startsWith("einstruct: " + file + ": tensor ")
        .contains(" has shape [")
        .doesNotContain("\n");
    assertThat(run).doesNotExist();
  }

  /**
   * A Kronecker product written as one 2-D tensor of a safetensors file among others: named by
   * --from FILE:TENSOR it is recovered, and the factors written materialise to it again.
   */
  @Test
  void aMatrixFromAFileIsProjectedAndItsFactorsWritten() {
    Structure kron =
        Library.builtIns().find("kron").orElseThrow().bind(Args.of(Map.of("d_in", 4, "d_out", 6)));
    Map<String, DoubleTensor> exact = io.einstruct.dsl.eval.FactorValues.gaussian(kron, 2, 1);
    double[][] w = ReferenceEvaluator.materialize(kron, exact);
    float[] flat = new float[24];
    for (int o = 0; o < 6; o++) {
      for (int i = 0; i < 4; i++) {
        flat[o * 4 + i] = (float) w[o][i];
      }
    }
    Path in = dir.resolve("weights.safetensors");
    Safetensors.write(
        in,
        List.of(
            new NamedTensor("fc.weight", new long[] {6, 4}, flat),
            new NamedTensor("other.weight", new long[] {2, 2}, new float[4]),
            new NamedTensor("fc.bias", new long[] {6}, new float[6])),
        Map.of());
    Path out = dir.resolve("kron.safetensors");

    MainTest.Run ambiguous =
        project("--structure", "kron", "--from", in.toString(), "--out", out.toString());
    assertThat(ambiguous.code()).isEqualTo(2);
    assertThat(ambiguous.err().strip())
        .isEqualTo(
            "einstruct: --from: "
                + in
                + " holds 2 2-D tensors (fc.weight, other.weight); name one as "
                + in
                + ":TENSOR");
    assertThat(out).doesNotExist();

    MainTest.Run p =
        project("--structure", "kron", "--from", in + ":fc.weight", "--out", out.toString());
    assertThat(p.code()).as(p.err()).isZero();
    assertThat(p.out())
        .startsWith("kron, 4 → 6, closed-form: relative error 0.0000; parameters 24 → 10")
        .contains("y[a, b] = L[a, c] * R[b, d] * x[c, d]");
    Map<String, DoubleTensor> read = new LinkedHashMap<>();
    for (Factor f : kron.chain()) {
      NamedTensor t = Safetensors.read(out).tensor(f.name());
      double[] v = new double[t.data().length];
      for (int i = 0; i < v.length; i++) {
        v[i] = t.data()[i];
      }
      read.put(f.name(), new DoubleTensor(f.indexNames(), f.shape(), v));
    }
    double[][] again = ReferenceEvaluator.materialize(kron, read);
    for (int o = 0; o < 6; o++) {
      for (int i = 0; i < 4; i++) {
        assertThat(again[o][i]).isCloseTo(w[o][i], within(1e-5));
      }
    }
  }

  @Test
  void badOptionsAreOneLineAndWriteNothing() {
    Path out = dir.resolve("never.safetensors");
    MainTest.Run method =
        project(
            "--structure",
            "btt",
            "--from",
            dense.toString(),
            "--out",
            out.toString(),
            "--method",
            "newton");
    assertThat(method.code()).isEqualTo(2);
    assertThat(method.err().strip())
        .isEqualTo("einstruct: --method: must be auto, closed-form or als, got 'newton'");
    MainTest.Run moe =
        project("--structure", "btt_moe", "--from", dense.toString(), "--out", out.toString());
    assertThat(moe.err().strip())
        .isEqualTo(
            "einstruct: --structure: btt_moe routes e at layer input: a mixture's layer is a"
                + " different matrix for every input, so no one matrix projects onto it");
    MainTest.Run missing =
        project(
            "--structure",
            "btt",
            "--from",
            dir.resolve("nothing.npy").toString(),
            "--out",
            out.toString());
    assertThat(missing.err().strip())
        .isEqualTo(
            "einstruct: --from: "
                + dir.resolve("nothing.npy")
                + " is neither a run directory"
                + " nor a file");
    MainTest.Run closed =
        project(
            "--structure",
            "btt3",
            "--from",
            dense.toString(),
            "--out",
            out.toString(),
            "--method",
            "closed-form");
    assertThat(closed.err().strip())
        .isEqualTo(
            "einstruct: btt3: has no closed-form projection (it needs two factors that split"
                + " every block of W in two); use alternating least squares");
    assertThat(out).doesNotExist();
    assertThat(Files.exists(out)).isFalse();
  }
}
