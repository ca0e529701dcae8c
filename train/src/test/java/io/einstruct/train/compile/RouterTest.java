package io.einstruct.train.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.einstruct.dsl.eval.Gates;
import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.train.tf.Fetched;
import io.einstruct.train.tf.OwnedTensor;
import io.einstruct.train.tf.TensorFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** The router's gates and load-balancing loss against the formulas computed in Java. */
class RouterTest {
  @Test
  void gatesAndAuxiliaryLossMatchTheFormulas() {
    Structure s =
        Library.builtIns()
            .find("btt_moe")
            .orElseThrow()
            .bind(Args.of(Map.of("d_in", 16, "d_out", 16, "experts", 4, "k", 2)));
    int n = 6;
    Random random = new Random(4);
    float[] x = LayerCompilerTest.gaussian(random, n * 16);
    float[] w = LayerCompilerTest.gaussian(random, 16 * 4);
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Parameters params = new Parameters();
      Net net = new Net(tf, params, CompileOptions.defaults());
      Placeholder<TFloat32> input =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 16)));
      Gate gate = Router.build(net, "moe", input, 16, s.routes().get(0), 1);
      TensorFactory tensors = new TensorFactory();
      try (Session session = new Session(graph)) {
        params.initialize(session, tensors, 1);
        Map<String, float[]> values = new HashMap<>(params.read(session, tensors));
        values.put("moe.router", w);
        params.load(session, tensors, values);
        try (OwnedTensor<TFloat32> in = tensors.floats(new long[] {n, 16}, x);
            Fetched out =
                tensors.run(
                    session
                        .runner()
                        .feed(input, in.get())
                        .fetch(gate.weights())
                        .fetch(gate.auxLoss()))) {
          double[][] logits = new double[n][4];
          for (int i = 0; i < n; i++) {
            for (int e = 0; e < 4; e++) {
              for (int j = 0; j < 16; j++) {
                logits[i][e] += (double) x[i * 16 + j] * w[j * 4 + e];
              }
            }
          }
          double[][] expected = Gates.topK(logits, 2);
          float[] weights = out.floats(0);
          for (int i = 0; i < n; i++) {
            for (int e = 0; e < 4; e++) {
              assertThat((double) weights[i * 4 + e]).isCloseTo(expected[i][e], within(1e-5));
            }
          }
          assertThat((double) out.scalar(1)).isCloseTo(aux(logits, expected, 2), within(1e-4));
        }
      }
    }
  }

  /** E · Σ_e p̂_e · f̂_e + 0.1 · mean(logsumexp²). */
  private static double aux(double[][] logits, double[][] gates, int k) {
    int n = logits.length;
    int experts = logits[0].length;
    double[] p = new double[experts];
    double[] f = new double[experts];
    double z = 0;
    for (double[] row : logits) {
      double max = java.util.Arrays.stream(row).max().orElseThrow();
      double sum = 0;
      for (double l : row) {
        sum += Math.exp(l - max);
      }
      double lse = max + Math.log(sum);
      z += lse * lse / n;
      for (int e = 0; e < experts; e++) {
        p[e] += Math.exp(row[e] - lse) / n;
      }
    }
    for (double[] g : gates) {
      for (int e = 0; e < experts; e++) {
        f[e] += (g[e] > 0 ? 1.0 : 0.0) / (n * k);
      }
    }
    double balance = 0;
    for (int e = 0; e < experts; e++) {
      balance += p[e] * f[e];
    }
    return experts * balance + 0.1 * z;
  }
}
