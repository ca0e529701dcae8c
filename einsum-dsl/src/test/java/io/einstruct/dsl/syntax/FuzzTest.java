package io.einstruct.dsl.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.dsl.Diagnostic;
import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import io.einstruct.dsl.count.Counts;
import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.mup.MuP;
import io.einstruct.dsl.mup.Optimizer;
import io.einstruct.dsl.plan.Planner;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.dsl.resolve.Resolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid sources at random: every outcome is either a structure that counts and plans, or an
 * {@link EinError} whose position lies inside the source. Never another exception. {@code mvn
 * verify} runs 12,000; the long run is {@code mvn -B -pl einsum-dsl test -Dtest=FuzzTest
 * -Deinstruct.fuzz.sources=100000 -Deinstruct.fuzz.seed=N}.
 */
class FuzzTest {
  private static final int SOURCES = Integer.getInteger("einstruct.fuzz.sources", 12_000);
  private static final long SEED = Long.getLong("einstruct.fuzz.seed", 20261125L);
  private static final String[] PIECES = {
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    ",",
    "=",
    "*",
    "/",
    "^",
    "+",
    "-",
    "#",
    "\n",
    ";",
    " ",
    "dim",
    "dims",
    "let",
    "route",
    "top",
    "allow",
    "padding",
    "structure",
    "x",
    "y",
    "W",
    "a",
    "b",
    "c",
    "r",
    "e",
    "d_in",
    "d_out",
    "rank",
    "split(",
    "round(",
    "sqrt(",
    "min(",
    "max(",
    "floor(",
    "ceil(",
    "foo(",
    "0",
    "1",
    "-1",
    "3",
    "2.5",
    "1e308",
    "99999999999",
    "4096",
    "0.0",
    ".5",
    "1e",
    "@",
    "\t",
    "é",
    "x[",
    "y[",
    "]*",
    "split(d_in, 3)"
  };

  @Test
  void mutatedSourcesOnlyEverGiveErrorsWithPositions() {
    Library library = Library.builtIns();
    List<String> seeds = new ArrayList<>();
    for (String name : Library.BUILT_INS) {
      seeds.add(Library.resource(name + ".ein"));
    }
    Random random = new Random(SEED);
    int bound = 0;
    int errors = 0;
    for (int n = 0; n < SOURCES; n++) {
      String text = mutate(seeds.get(random.nextInt(seeds.size())), random);
      Source source = new Source("fuzz.ein", text);
      try {
        EinFile file = Parser.parse(source);
        for (StructureDecl decl : file.structures()) {
          Structure s = Resolver.resolve(decl, arguments(decl, random));
          Counts.of(s);
          MuP.of(s, Optimizer.ADAM, true);
          Planner.plan(s, 1 + random.nextInt(512));
          bound++;
        }
      } catch (EinError e) {
        errors++;
        check(e, text);
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError(
            "source #" + n + " threw " + e + " instead of an EinError:\n" + text, e);
      }
    }
    assertThat(bound + errors).isGreaterThanOrEqualTo(Math.min(SOURCES, 10_000));
    assertThat(errors).isGreaterThan(SOURCES / 12);
    assertThat(bound).isGreaterThan(SOURCES / 120);
    System.out.printf(
        "fuzz: %d sources (seed %d): %d structures bound, %d errors with positions, 0 others%n",
        SOURCES, SEED, bound, errors);
  }

  private static void check(EinError e, String text) {
    Diagnostic d = e.diagnostic().orElseThrow();
    String file = d.span().file();
    assertThat(file).isIn("fuzz.ein", "<arguments>");
    assertThat(e.getMessage())
        .startsWith(d.span().file() + ":" + d.span().line() + ":" + d.span().column() + ": ");
    if (file.equals("fuzz.ein")) {
      int lines = text.split("\n", -1).length;
      assertThat(d.span().line()).isBetween(1, lines);
      assertThat(e.getMessage()).contains("\n").contains("^");
    }
  }

  private static Args arguments(StructureDecl decl, Random random) {
    long[] widths = {16, 64, 1024, 7, 0, -4, 3000000000L, 36, 1};
    Map<String, Number> values = new LinkedHashMap<>();
    for (Param p : decl.params()) {
      if (p.defaultValue().isEmpty() || random.nextInt(4) == 0) {
        values.put(
            p.name().text(),
            random.nextInt(10) == 0
                ? (Number) (random.nextDouble() * 10)
                : widths[
                    random.nextInt(4) == 0 ? random.nextInt(widths.length) : random.nextInt(3)]);
      }
    }
    if (random.nextInt(50) == 0) {
      values.put("nonsense", 3);
    }
    return Args.of(values);
  }

  private static String mutate(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations; m++) {
      int at = random.nextInt(out.length() + 1);
      switch (random.nextInt(5)) {
        case 0 -> out.delete(at, Math.min(out.length(), at + 1 + random.nextInt(6)));
        case 1 -> out.insert(at, PIECES[random.nextInt(PIECES.length)]);
        case 2 -> {
          int end = Math.min(out.length(), at + 1 + random.nextInt(4));
          out.replace(at, end, PIECES[random.nextInt(PIECES.length)]);
        }
        case 3 -> {
          String[] lines = out.toString().split("\n", -1);
          int i = random.nextInt(lines.length);
          int j = random.nextInt(lines.length);
          String tmp = lines[i];
          lines[i] = lines[j];
          lines[j] = tmp;
          out = new StringBuilder(String.join("\n", lines));
        }
        default -> {
          String[] lines = out.toString().split("\n", -1);
          int i = random.nextInt(lines.length);
          List<String> list = new ArrayList<>(List.of(lines));
          list.add(i, lines[random.nextInt(lines.length)]);
          out = new StringBuilder(String.join("\n", list));
        }
      }
    }
    return out.toString();
  }
}
