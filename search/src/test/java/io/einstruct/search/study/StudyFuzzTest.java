package io.einstruct.search.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import io.einstruct.dsl.library.Library;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid study files at random: every outcome is an expansion or an {@link EinError} with a
 * file, line and column inside the file. Never another exception. {@code mvn verify} runs 1,000;
 * the long run is {@code mvn -B -pl search test -Dtest=StudyFuzzTest -Deinstruct.fuzz.studies=10000
 * -Deinstruct.fuzz.seed=N}.
 */
class StudyFuzzTest {
  private static final int STUDIES = Integer.getInteger("einstruct.fuzz.studies", 1_000);
  private static final long SEED = Long.getLong("einstruct.fuzz.seed", 20261201L);
  private static final Library LIBRARY = Library.builtIns();

  private static final String[] SEEDS = {
    """
    name: a
    task: {data: teacher, steps: 2, batch: 8, depth: 1, lr: 0.003, seeds: [0, 1]}
    structures:
      - builtin: btt
        params: {rank: [1, 2]}
      - builtin: dense
    widths: [8, 16]
    lrs: [0.001, 0.003]
    budget: {max_trials: 5}
    """,
    """
    name: b
    task:
      data: teacher
      epochs: 1
      batch: 8
      optimizer: adamw
      weight_decay: 0.01
      schedule: constant
    structures:
      - theta: (0|1|0|0|0|1|0)
      - theta_grid: {fractions: [0, 0.5, 1]}
    widths: [16]
    sampler: {kind: random, samples: 3, seed: 1}
    """,
    """
    {"name": "c", "task": {"data": "teacher", "steps": 2, "batch": 8},
     "structures": [{"builtin": "lowrank", "params": {"rank": 2}}], "widths": [8],
     "pruner": {"kind": "successive-halving", "eta": 2, "min_resource": 1}}
    """
  };

  private static final String[] PIECES = {
    ":",
    "-",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\n",
    "  ",
    "\"",
    "'",
    "#",
    "&a",
    "*a",
    "!!str",
    "0",
    "-1",
    "1.5",
    "1e9",
    "null",
    "true",
    "x",
    "name",
    "task",
    "widths",
    "data",
    "steps",
    "structures",
    "builtin",
    "theta",
    "params",
    "rank",
    "teacher",
    "mnist:/nowhere",
    "text:/dev/zero",
    "é",
    "\t"
  };

  @Test
  void mutatedStudiesOnlyEverGiveErrorsWithPositions() {
    Random random = new Random(SEED);
    int expanded = 0;
    int errors = 0;
    for (int n = 0; n < STUDIES; n++) {
      int which = random.nextInt(SEEDS.length);
      String text = mutate(SEEDS[which], random);
      String name = which == 2 ? "fuzz.json" : "fuzz.yaml";
      try {
        StudyExpander.expand(StudyFile.parse(new Source(name, text), null), LIBRARY);
        expanded++;
      } catch (EinError e) {
        errors++;
        assertThat(e.diagnostic()).as("an error without a position: %s%n%s", e, text).isPresent();
        assertThat(e.getMessage()).startsWith(name + ":");
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("study #" + n + " threw " + e + ":\n" + text, e);
      }
    }
    assertThat(expanded).isGreaterThan(STUDIES / 100);
    assertThat(errors).isGreaterThan(STUDIES / 10);
    System.out.printf(
        "fuzz: %d studies (seed %d): %d expanded, %d errors with positions, 0 others%n",
        STUDIES, SEED, expanded, errors);
  }

  private static String mutate(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    // mostly one mutation, so that a good share of the studies still expand
    int mutations = random.nextInt(4) == 0 ? 2 + random.nextInt(2) : 1;
    for (int m = 0; m < mutations; m++) {
      int at = random.nextInt(out.length() + 1);
      switch (random.nextInt(3)) {
        case 0 -> out.delete(at, Math.min(out.length(), at + 1 + random.nextInt(6)));
        case 1 -> out.insert(at, PIECES[random.nextInt(PIECES.length)]);
        default -> {
          int end = Math.min(out.length(), at + 1 + random.nextInt(4));
          out.replace(at, end, PIECES[random.nextInt(PIECES.length)]);
        }
      }
    }
    return out.toString();
  }
}
