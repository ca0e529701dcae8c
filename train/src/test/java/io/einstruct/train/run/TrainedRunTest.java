package io.einstruct.train.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.tensor.NamedTensor;
import io.einstruct.dsl.tensor.Safetensors;
import io.einstruct.train.data.Batch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** A trained run loaded back, scored, and exported to safetensors and a SavedModel. */
class TrainedRunTest {
  private static final Library LIBRARY = Library.builtIns();

  @TempDir static Path shared;

  @TempDir Path dir;

  private static Path run;

  /** One run for every test: training is the slow part. */
  private static synchronized Path trained() {
    if (run != null) {
      return run;
    }
    TrainConfig c = TrainConfig.defaults();
    c =
        c.with(c.data().withSource(DataSource.parse("teacher")))
            .with(c.model().toBuilder().structure("btt", null, List.of(), null).width(16).build())
            .with(c.run().withSteps(6).withThreads(1));
    run = shared.resolve("run");
    new Trainer(LIBRARY, TrainListener.NONE).start(c, run);
    return run;
  }

  @Test
  void loadsAtTheCheckpointAndScoresAsTheRunDid() {
    trained();
    List<EvalPoint> points = new MetricsLog(run.resolve(Trainer.METRICS)).read();
    try (TrainedRun t = TrainedRun.open(LIBRARY, run)) {
      assertThat(t.state().step()).isEqualTo(6);
      HeldOut h = t.evaluate();
      assertThat(h.loss()).isCloseTo(points.get(points.size() - 1).testLoss(), within(1e-6));
      assertThat(h.error()).isNull();
      assertThat(t.model().liveTensors()).isZero();
    }
  }

  @Test
  void safetensorsHoldEveryTrainableFactorWithItsShapeAndTheStructure() {
    trained();
    Path file = dir.resolve("w.safetensors");
    try (TrainedRun t = TrainedRun.open(LIBRARY, run)) {
      t.exportSafetensors(LIBRARY, file);
      List<NamedTensor> weights = t.model().weights();
      Safetensors.Contents c = Safetensors.read(file);
      assertThat(c.tensors())
          .extracting(NamedTensor::name)
          .containsExactlyElementsOf(weights.stream().map(NamedTensor::name).toList());
      for (NamedTensor w : weights) {
        assertThat(c.tensor(w.name()).shape()).isEqualTo(w.shape());
        assertThat(c.tensor(w.name()).data()).isEqualTo(w.data());
      }
      long total = weights.stream().mapToLong(w -> w.data().length).sum();
      assertThat(total).isEqualTo(t.model().info().params());
      assertThat(c.metadata().get("einstruct.structure")).isEqualTo("btt");
      assertThat(c.metadata().get("einstruct.structure_source")).contains("structure btt(");
      assertThat(c.metadata().get("einstruct.config")).containsPattern("\"width\" ?: ?16");
      // the BTT factors are there with their einsum shapes, not flattened
      assertThat(weights).anySatisfy(w -> assertThat(w.shape().length).isGreaterThanOrEqualTo(3));
    }
  }

  @Test
  void aSavedModelServesTheSameLogits() throws Exception {
    trained();
    Path saved = dir.resolve("saved");
    float[] x = new float[3 * 8];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(i);
    }
    float[] expected;
    try (TrainedRun t = TrainedRun.open(LIBRARY, run)) {
      expected = t.model().outputs(Batch.dense(x, new float[3], 3));
      t.model().exportSavedModel(saved);
    }
    try (SavedModelBundle bundle = SavedModelBundle.load(saved.toString(), "serve");
        TFloat32 in = TFloat32.tensorOf(Shape.of(3, 8), DataBuffers.of(x, true, false));
        Result out = bundle.function("serving_default").call(Map.of("inputs", (Tensor) in))) {
      TFloat32 logits = (TFloat32) out.get("logits").orElseThrow();
      assertThat(logits.shape()).isEqualTo(Shape.of(3, 1));
      float[] got = new float[3];
      logits.asRawTensor().data().asFloats().read(got);
      assertThat(got).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-6f));
    }
  }
}
