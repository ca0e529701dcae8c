package io.einstruct.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.einstruct.train.compile.CompileOptions;
import io.einstruct.train.compile.Init;
import io.einstruct.train.compile.Net;
import io.einstruct.train.compile.Parameter;
import io.einstruct.train.compile.Parameters;
import io.einstruct.train.tf.OwnedTensor;
import io.einstruct.train.tf.TensorFactory;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The in-graph Adam against Adam written out in Java, per-variable rates included. */
class AdamTest {
  private static final float[] C = {0.5f, -1.5f, 2.0f};
  private static final float[] D = {1.0f, 0.25f};

  @ParameterizedTest(name = "weight decay {0}, clip {1}")
  @CsvSource({"0, 0", "0.1, 0", "0, 0.5", "0.05, 0.3"})
  void matchesAdamWrittenOutInJava(double decay, double clip) {
    AdamConfig config = new AdamConfig(0.01, 0.9, 0.99, 1e-8, decay, clip);
    double[] a = {0.1, 0.2, 0.3};
    double[] b = {1.0, -2.0};
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Parameters params = new Parameters();
      Net net = new Net(tf, params, CompileOptions.defaults());
      Parameter pa = params.create(tf, "a", new long[] {3}, Init.ZERO, 1.0, true, true);
      Parameter pb = params.create(tf, "b", new long[] {2}, Init.ZERO, 10.0, false, true);
      // loss = Σ c·a + Σ d·b²
      Operand<TFloat32> loss =
          tf.math.add(
              tf.reduceSum(tf.math.mul(tf.constant(C), pa.value()), tf.constant(0)),
              tf.reduceSum(
                  tf.math.mul(tf.constant(D), tf.math.square(pb.value())), tf.constant(0)));
      TrainStep step = Adam.build(graph, net, loss, config);
      TensorFactory tensors = new TensorFactory();
      try (Session session = new Session(graph)) {
        params.initialize(session, tensors, 0);
        params.load(
            session,
            tensors,
            Map.of(
                "a",
                floats(a),
                "b",
                floats(b),
                "a.adam_m",
                new float[3],
                "a.adam_v",
                new float[3],
                "b.adam_m",
                new float[2],
                "b.adam_v",
                new float[2]));
        double[][] m = {new double[3], new double[2]};
        double[][] v = {new double[3], new double[2]};
        for (int t = 1; t <= 3; t++) {
          double schedule = 1.0 / t;
          run(session, tensors, step, schedule, config, t);
          double[] ga = new double[3];
          double[] gb = new double[2];
          for (int i = 0; i < 3; i++) {
            ga[i] = C[i];
          }
          for (int i = 0; i < 2; i++) {
            gb[i] = 2 * D[i] * b[i];
          }
          double norm = Math.sqrt(dot(ga, ga) + dot(gb, gb));
          double scale = clip > 0 ? clip / Math.max(norm, clip) : 1;
          adam(a, ga, m[0], v[0], config, t, schedule * 0.01 * 1.0, scale, true);
          adam(b, gb, m[1], v[1], config, t, schedule * 0.01 * 10.0, scale, false);
        }
        Map<String, float[]> state = params.read(session, tensors);
        assertClose(state.get("a"), a);
        assertClose(state.get("b"), b);
        assertThat(tensors.live()).isZero();
      }
    }
  }

  private static void run(
      Session session,
      TensorFactory tensors,
      TrainStep step,
      double schedule,
      AdamConfig c,
      int t) {
    try (OwnedTensor<TFloat32> s = tensors.scalar((float) schedule);
        OwnedTensor<TFloat32> c1 = tensors.scalar((float) (1 - Math.pow(c.beta1(), t)));
        OwnedTensor<TFloat32> c2 = tensors.scalar((float) (1 - Math.pow(c.beta2(), t)))) {
      tensors
          .run(
              session
                  .runner()
                  .feed(step.schedule(), s.get())
                  .feed(step.correction1(), c1.get())
                  .feed(step.correction2(), c2.get())
                  .addTarget(step.update()))
          .close();
    }
  }

  private static void adam(
      double[] p,
      double[] g,
      double[] m,
      double[] v,
      AdamConfig c,
      int t,
      double rate,
      double scale,
      boolean decay) {
    for (int i = 0; i < p.length; i++) {
      double gi = g[i] * scale;
      m[i] = c.beta1() * m[i] + (1 - c.beta1()) * gi;
      v[i] = c.beta2() * v[i] + (1 - c.beta2()) * gi * gi;
      double mh = m[i] / (1 - Math.pow(c.beta1(), t));
      double vh = v[i] / (1 - Math.pow(c.beta2(), t));
      double direction = mh / (Math.sqrt(vh) + c.epsilon()) + (decay ? c.weightDecay() * p[i] : 0);
      p[i] -= rate * direction;
    }
  }

  private static double dot(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  private static float[] floats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  private static void assertClose(float[] actual, double[] expected) {
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) actual[i]).isCloseTo(expected[i], within(1e-5));
    }
  }
}
