package io.einstruct.search.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.dsl.library.Library;
import io.einstruct.search.Studies;
import io.einstruct.search.store.Stores;
import io.einstruct.search.store.TrialRow;
import io.einstruct.search.store.TrialStore;
import io.einstruct.search.study.Expansion;
import io.einstruct.search.study.StudyExpander;
import io.einstruct.search.study.StudyFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyRunnerTest {
  private static final Library LIBRARY = Library.builtIns();

  @TempDir Path dir;

  @Test
  void runsEveryTrialOnceAndNothingAgainWhenRerun() {
    StudyFile f =
        Studies.parse(
            "tiny.yaml",
            Studies.tiny(
                "tiny",
                """
          - builtin: dense
          - builtin: btt
        """,
                "8, 16",
                "0"),
            dir);
    Expansion e = StudyExpander.expand(f, LIBRARY);
    try (TrialStore store = TrialStore.open(Stores.sqlite(dir), 4)) {
      long id = store.ensureStudy("tiny", f.source().text());
      assertThat(store.addTrials(id, e.trials())).isEqualTo(4);
      StudyRunner runner =
          new StudyRunner(store, LIBRARY, WorkerOptions.defaults(1, dir), WorkerListener.NONE);
      var status = runner.run(id, "tiny", f.spec(), 2);
      assertThat(status.done()).isEqualTo(4);
      assertThat(store.metrics("tiny")).hasSize(4 * 2);
      List<TrialRow> rows = store.trials("tiny");
      assertThat(rows)
          .allSatisfy(
              r -> {
                assertThat(r.attempts()).isEqualTo(1);
                assertThat(r.finalTrainLoss()).isPositive();
                assertThat(r.finalFlops()).isEqualTo(r.flopsEstimate());
              });
      assertThat(store.addTrials(id, e.trials())).isZero();
      assertThat(runner.run(id, "tiny", f.spec(), 1).done()).isEqualTo(4);
      assertThat(store.trials("tiny")).extracting(TrialRow::attempts).containsOnly(1);
    }
  }

  @Test
  void successiveHalvingStopsTheWorseHalfOfEachGroup() throws java.io.IOException {
    Path data = io.einstruct.train.data.TinyData.mnistLike(dir.resolve("data"), 64, 32, 1);
    StudyFile f =
        Studies.parse(
            "sh.yaml",
            """
        name: sh
        task: {data: "mnist:%s", epochs: 4, batch: 16, depth: 1, threads: 1, seeds: [0]}
        structures: [{builtin: dense}]
        widths: [8]
        lrs: [0.003, 0.01, 0.0003, 0.0000001]
        pruner: {kind: successive-halving, eta: 2, min_resource: 1}
        """
                .formatted(data),
            dir);
    Expansion e = StudyExpander.expand(f, LIBRARY);
    try (TrialStore store = TrialStore.open(Stores.sqlite(dir), 2)) {
      long id = store.ensureStudy("sh", f.source().text());
      store.addTrials(id, e.trials());
      new StudyRunner(store, LIBRARY, WorkerOptions.defaults(1, dir), WorkerListener.NONE)
          .run(id, "sh", f.spec(), 1);
      List<TrialRow> rows = store.trials("sh");
      assertThat(rows).extracting(TrialRow::status).contains("done");
      TrialRow slow = rows.get(3);
      assertThat(slow.status()).isEqualTo("pruned");
      assertThat(slow.error()).startsWith("pruned at epoch 1: training loss ");
      assertThat(store.steps("sh", 3)).containsExactly(4L);
    }
  }
}
