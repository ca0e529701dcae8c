package io.einstruct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.einstruct.search.store.Claim;
import io.einstruct.search.store.Stores;
import io.einstruct.search.store.TrialStore;
import io.einstruct.search.study.TrialSpec;
import io.einstruct.train.run.EvalPoint;
import io.einstruct.train.run.Json;
import io.einstruct.train.run.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyExportTest {
  @TempDir Path dir;

  /** A study with one routed trial and two evaluations, the second with router statistics. */
  private String store() {
    try (TrialStore s = TrialStore.open(Stores.sqlite(dir), 1)) {
      long id = s.ensureStudy("moe", "name: moe");
      s.addTrials(
          id,
          List.of(
              new TrialSpec(
                  0,
                  "k",
                  "btt_moe",
                  "btt_moe | width 64",
                  64,
                  1e-3,
                  0,
                  TrainConfig.defaults()
                      .with(
                          TrainConfig.defaults().model().toBuilder()
                              .structure("btt_moe", null, List.of("experts=8", "k=2"), null)
                              .build()),
                  10,
                  20,
                  1e9,
                  2)));
      Claim c = s.queue().claim(id, "w", 60_000, 3).orElseThrow();
      s.queue()
          .record(
              c, new EvalPoint(10, 0.5, 320, 2.0, 0.6, 2.1, 0.55, 1e9, 1, 1e-3, null, null, null));
      s.queue()
          .record(c, new EvalPoint(20, 1, 640, 1.5, 0.5, 1.6, 0.45, 2e9, 2, 5e-4, 1.2, 5.5, 7.25));
    }
    return "sqlite:" + dir.resolve("store.db");
  }

  @Test
  void exportsEveryFieldOfEveryEvaluation() throws Exception {
    String store = store();
    Path out = dir.resolve("csv");
    MainTest.Run run =
        MainTest.run(
            "study", "export", "--store", store, "--study", "moe", "--out", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
    assertThat(lines.get(0))
        .isEqualTo(
            "trial,structure,width,lr,seed,step,epoch,samples,train_loss,train_error,test_loss,"
                + "test_error,flops,wall_seconds,lr_at_step,aux_loss,router_perplexity,"
                + "router_spread");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(2)).endsWith(",5.0E-4,1.2,5.5,7.25");
    assertThat(Files.readAllLines(out.resolve("trials.csv")).get(1)).startsWith("0,btt_moe,64,");

    Path json = dir.resolve("json");
    assertThat(
            MainTest.run(
                    "study",
                    "export",
                    "--store",
                    store,
                    "--study",
                    "moe",
                    "--format",
                    "json",
                    "--out",
                    json.toString())
                .code())
        .isZero();
    JsonNode metrics = Json.mapper().readTree(json.resolve("study.json").toFile()).get("metrics");
    assertThat(metrics.get(0).get("router_perplexity").isNull()).isTrue();
    assertThat(metrics.get(1).get("router_spread").asDouble()).isEqualTo(7.25);
  }

  @Test
  void fitsOnNonEmbeddingComputeAndRejectsAnUnknownAxis() throws Exception {
    String store = store();
    MainTest.Run fit =
        MainTest.run(
            "fit",
            "--store",
            store,
            "--study",
            "moe",
            "--compute",
            "non-embedding",
            "--format",
            "json");
    assertThat(fit.code()).as(fit.err()).isZero();
    JsonNode root = Json.mapper().readTree(fit.out());
    assertThat(root.get("compute").asText()).isEqualTo("non-embedding");
    assertThat(root.get("fits").get(0).get("structure").asText()).isEqualTo("btt_moe");
    MainTest.Run text =
        MainTest.run("fit", "--store", store, "--study", "moe", "--compute", "NON-EMBEDDING");
    assertThat(text.out())
        .startsWith("scaling laws of train_loss vs non-embedding training FLOPs")
        .contains("α (s)", "× dense (s)");
    assertThat(root.get("fits").get(0).has("seconds_dense_multiplier")).isTrue();
    MainTest.Run bad =
        MainTest.run("fit", "--store", store, "--study", "moe", "--compute", "embedding");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err())
        .isEqualTo(
            "einstruct: --compute: expected total, non-embedding or seconds, got 'embedding'\n");
  }

  @Test
  void exportsEachParameterAsAColumnAndCancelsAndDeletesTrials() throws Exception {
    String store = store();
    Path out = dir.resolve("params");
    assertThat(
            MainTest.run(
                    "study", "export", "--store", store, "--study", "moe", "--out", out.toString())
                .code())
        .isZero();
    List<String> trials = Files.readAllLines(out.resolve("trials.csv"));
    assertThat(trials.get(0)).endsWith(",error,param_experts,param_k");
    assertThat(trials.get(1)).endsWith(",8,2");
    MainTest.Run cancel =
        MainTest.run("study", "cancel", "--store", store, "--study", "moe", "--trial", "0");
    assertThat(cancel.code()).as(cancel.err()).isZero();
    assertThat(cancel.out()).startsWith("cancelled 1 of 1 trial (the others had ended): [0]");
    MainTest.Run status = MainTest.run("study", "status", "--store", store, "--study", "moe");
    assertThat(status.out())
        .contains("1 trial, 0 done, 0 running, 0 queued, 0 failed, 0 pruned, 1 cancelled");
    MainTest.Run none =
        MainTest.run("study", "delete", "--store", store, "--study", "moe", "--structure", "tt");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err())
        .isEqualTo(
            "einstruct: --structure: no trial of study 'moe' matches" + System.lineSeparator());
    MainTest.Run delete =
        MainTest.run(
            "study", "delete", "--store", store, "--study", "moe", "--structure", "btt_moe");
    assertThat(delete.out()).startsWith("deleted 1 trial: [0]");
    try (TrialStore s =
        TrialStore.openExisting(
            io.einstruct.search.store.StoreUrl.parse(store, null, java.util.Map.of()), 1)) {
      assertThat(s.trials("moe")).isEmpty();
      assertThat(s.metrics("moe")).isEmpty();
    }
  }

  @Test
  void statusShowsWhereARunningTrialStandsAndWatchEndsWithTheStudy() {
    String store = store();
    MainTest.Run status = MainTest.run("study", "status", "--store", store, "--study", "moe");
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out())
        .contains("running")
        .contains("1.5000")
        .contains("step 20, 320 samples/s");
    MainTest.run("study", "cancel", "--store", store, "--study", "moe", "--trial", "0");
    MainTest.Run watch =
        MainTest.run("watch", "--store", store, "--study", "moe", "--every", "0.01");
    assertThat(watch.code()).as(watch.err()).isZero();
    assertThat(watch.out()).startsWith("moe: 1 trial, 0 done").contains("cancelled");
  }
}
