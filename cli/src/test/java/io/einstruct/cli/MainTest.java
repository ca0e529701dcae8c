package io.einstruct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  /** What one run printed and returned. */
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void describesABuiltInAsJsonWithExactlyTheDocumentedFields() throws Exception {
    Run run = run("describe", "btt", "-p", "d_in=1024", "-p", "d_out=1024", "--format", "json");
    assertThat(run.code()).isZero();
    assertThat(run.err()).isEmpty();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(fields(json))
        .containsExactly(
            "structure",
            "d_in",
            "d_out",
            "params",
            "macs",
            "factors",
            "plan",
            "taxonomy",
            "rank_bound");
    assertThat(json.get("params").asLong()).isEqualTo(65536);
    assertThat(json.get("macs").asLong()).isEqualTo(65536);
    JsonNode r = json.get("factors").get(0);
    assertThat(fields(r))
        .containsExactly(
            "name",
            "indices",
            "shape",
            "params",
            "fan_in",
            "fan_out",
            "init_std",
            "lr_mult",
            "zero_init");
    assertThat(r.get("name").asText()).isEqualTo("R");
    assertThat(r.get("lr_mult").asDouble()).isEqualTo(16.0);
    assertThat(fields(json.get("plan").get(0))).containsExactly("einsum", "macs");
    assertThat(json.get("plan").get(0).get("einsum").asText()).isEqualTo("ncd,rbcd->ncrb");
    JsonNode taxonomy = json.get("taxonomy");
    assertThat(fields(taxonomy)).containsExactly("omega", "psi", "nu", "theta");
    assertThat(taxonomy.get("nu").asDouble()).isEqualTo(0.5);
    assertThat(fields(taxonomy.get("theta")))
        .containsExactly("alpha", "beta", "gamma", "delta", "epsilon", "phi", "rho");
    assertThat(json.get("rank_bound").asLong()).isEqualTo(1024);
  }

  @Test
  void givesNullThetaForStructuresOutsideTheThetaSpace() throws Exception {
    Run run = run("describe", "btt3", "-p", "d_in=64", "-p", "d_out=64", "--format", "json");
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("taxonomy").get("theta").isNull()).isTrue();
    assertThat(json.get("factors")).hasSize(3);
  }

  @Test
  void describesAsTextWithFactorsPlanTotalsAndTaxonomy() {
    Run run =
        run(
            "describe",
            "monarch",
            "-p",
            "d_in=256",
            "-p",
            "d_out=256",
            "--batch",
            "64",
            "--residual");
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("monarch(d_in = 256, d_out = 256, blocks = 4)")
        .contains("y[j, o] = L[j, o, k, g] * R[g, j, k, i] * x[g, i]")
        .contains("plan for a batch of 64 (chain order)")
        .containsPattern("L +\\[j, o, k, g\\] +4×64×16×4 +16,384 +64 +64 +0\\.125 +2 +yes")
        .contains("ψ = 1")
        .contains("rank bound\n  256 of 256 (full rank)");
  }

  @Test
  void readsAUserFileAndChoosesAStructure(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mine.ein");
    Files.writeString(
        file,
        """
        # Three cores, ranks 2 and 2.
        structure three(d_in, d_out) {
          dims a, b, c = split(d_in, 3)
          dims p, q, r = split(d_out, 3)
          dim s = 2
          dim t = 2
          y[p, q, r] = L[p, q, r, a, s] * M[s, q, r, a, b, t] * R[t, r, a, b, c] * x[a, b, c]
        }
        structure other(d_in, d_out) { dim o = d_out; dim i = d_in; y[o] = W[o, i] * x[i] }
        """);
    Run run =
        run("describe", file.toString(), "--structure", "three", "-p", "d_in=64", "-p", "d_out=64");
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("Three cores, ranks 2 and 2.")
        .contains("M       [s, q, r, a, b, t]");
    Run ambiguous = run("describe", file.toString(), "-p", "d_in=64", "-p", "d_out=64");
    assertThat(ambiguous.code()).isEqualTo(2);
    assertThat(ambiguous.err()).startsWith(file + ":1:1: this file declares 2 structures");
  }

  @Test
  void badDslExitsTwoWithPositionLineAndCaret(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.ein");
    Files.writeString(
        file,
        """
        structure bad(d_in, d_out) {
          dim o = d_out
          dim i = d_in
          y[o] = W[o, q] * x[i]
        }
        """);
    Run run = run("describe", file.toString(), "-p", "d_in=8", "-p", "d_out=8");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            file
                + ":4:15: index 'q' is not declared; declared: o, i\n"
                + "    y[o] = W[o, q] * x[i]\n"
                + "                ^\n");
  }

  @Test
  void badUsageExitsTwoWithOneLine() {
    Run run = run("describe", "btt", "--batch", "lots");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().lines().count()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("einstruct: Invalid value for option '--batch'")
        .endsWith("(see 'einstruct describe --help')\n");
    Run range = run("describe", "btt", "-p", "d_in=4", "-p", "d_out=4", "--batch", "0");
    assertThat(range.code()).isEqualTo(2);
    assertThat(range.err())
        .isEqualTo("einstruct: --batch: must be between 1 and 16777216, got 0\n");
  }

  @Test
  void otherFailuresExitOneWithOneLineAndTracesOnlyWithDebug() {
    String[] args = {
      "describe", "dense", "-p", "d_in=16777216", "-p", "d_out=16777216", "--batch", "16777216"
    };
    Run run = run(args);
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "einstruct: structure 'dense' is too large to count in 64 "
                + "bits for a batch of 16777216 (run with --debug for details)\n");
    List<String> debug = new ArrayList<>(List.of(args));
    debug.add("--debug");
    Run traced = run(debug.toArray(String[]::new));
    assertThat(traced.code()).isEqualTo(1);
    assertThat(traced.err()).contains("\tat io.einstruct.dsl.plan.Planner");
  }

  @Test
  void listsEveryBuiltInOnOneLine() {
    Run run = run("list");
    assertThat(run.code()).isZero();
    for (String name : io.einstruct.dsl.library.Library.BUILT_INS) {
      assertThat(run.out()).containsPattern("(?m)^" + name + "\\(d_in, d_out");
    }
  }

  @Test
  void tabulatesTheTaxonomyAsCsvAndJson() throws Exception {
    Run csv = run("taxonomy", "--width", "256", "--format", "csv");
    assertThat(csv.code()).isZero();
    List<String> lines = csv.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("name,kind,theta,omega,psi,nu,params,macs,note");
    assertThat(lines)
        .anyMatch(
            l -> l.startsWith("kron,built-in,\"(0.5|0.5|0|0.5|0.5|0|0)\",0.5,1.0,0.5,512,8192,"));
    Run json = run("taxonomy", "--width", "256", "--format", "json");
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertThat(root.get("format_version").asInt()).isEqualTo(1);
    assertThat(root.get("structures")).hasSize(lines.size() - 1);
  }

  @Test
  void writesTheTaxonomyReport(@TempDir Path dir) throws Exception {
    Run run = run("taxonomy", "--width", "64", "--out", dir.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.err()).contains("report: " + dir.resolve("index.html"));
    assertThat(Files.readString(dir.resolve("index.html"))).contains("The ω–ψ plane");
    assertThat(Files.exists(dir.resolve("tables/taxonomy.csv"))).isTrue();
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** A setting's error is shown under the running command's flag, or by name when it has none. */
  @Test
  void showsASettingsErrorUnderTheFlagThatSetsIt() {
    picocli.CommandLine fit = new picocli.CommandLine(new Main()).getSubcommands().get("fit");
    assertThat(Main.shown(io.einstruct.dsl.EinError.setting("compute", "bad"), fit))
        .isEqualTo("--compute: bad");
    assertThat(Main.shown(io.einstruct.dsl.EinError.setting("d_head", "bad"), fit))
        .isEqualTo("d_head: bad");
    assertThat(Main.shown(io.einstruct.dsl.EinError.of("x.ein", "missing"), fit))
        .isEqualTo("x.ein: missing");
  }
}
