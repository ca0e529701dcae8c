package io.einstruct.train.model;

import io.einstruct.dsl.eval.DoubleTensor;
import io.einstruct.dsl.eval.ReferenceEvaluator;
import io.einstruct.dsl.model.Factor;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.commons.math3.special.Erf;

/**
 * A GPT's forward pass in double precision, written from the architecture's definition with every
 * linear layer applied by the DSL's reference evaluator: the second implementation the compiled
 * model is checked against. Routed layers and weight normalisation are not covered.
 */
final class ReferenceGpt {
  private static final double LN_EPSILON = 1e-5;

  private final GptSpec spec;
  private final Map<String, float[]> state;

  ReferenceGpt(GptSpec spec, Map<String, float[]> state) {
    this.spec = spec;
    this.state = state;
  }

  /** The final LayerNorm's output for each sequence of {@code tokens}: [n][t][d]. */
  double[][][] hidden(int[][] tokens) {
    TransformerBody body = spec.body();
    int d = body.width();
    double[][][] out = new double[tokens.length][][];
    for (int n = 0; n < tokens.length; n++) {
      int t = tokens[n].length;
      double[][] x = new double[t][d];
      float[] wte = state.get("wte");
      float[] wpe = state.get("wpe");
      for (int p = 0; p < t; p++) {
        for (int i = 0; i < d; i++) {
          x[p][i] = wte[tokens[n][p] * d + i] + wpe[p * d + i];
        }
      }
      Iterator<LayerPlan> layers = body.layers().iterator();
      for (int b = 0; b < body.depth(); b++) {
        String name = "blocks." + b;
        double[][] u = layerNorm(x, name + ".norm1");
        double[][] q = linear(layers.next(), u);
        double[][] k = linear(layers.next(), u);
        double[][] v = linear(layers.next(), u);
        double[][] a = attend(body, name + ".attn", q, k, v);
        add(x, linear(layers.next(), a), body.branchMultiplier());
        u = layerNorm(x, name + ".norm2");
        double[][] h = linear(layers.next(), u);
        for (double[] row : h) {
          for (int i = 0; i < row.length; i++) {
            row[i] = 0.5 * row[i] * (1 + Erf.erf(row[i] / Math.sqrt(2)));
          }
        }
        add(x, linear(layers.next(), h), body.branchMultiplier());
      }
      out[n] = layerNorm(x, "final_norm");
    }
    return out;
  }

  /** The mean next-token cross-entropy of the head's logits against {@code labels}. */
  double loss(int[][] tokens, int[][] labels) {
    double[][][] hidden = hidden(tokens);
    double sum = 0;
    int count = 0;
    for (int n = 0; n < tokens.length; n++) {
      double[][] logits = linear(spec.headLayer(), hidden[n]);
      for (int t = 0; t < logits.length; t++) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits[t]) {
          max = Math.max(max, l);
        }
        double z = 0;
        for (double l : logits[t]) {
          z += Math.exp(l - max);
        }
        sum += max + Math.log(z) - logits[t][labels[n][t]];
        count++;
      }
    }
    return sum / count;
  }

  private double[][] attend(
      TransformerBody body, String name, double[][] q, double[][] k, double[][] v) {
    int t = q.length;
    int heads = body.heads();
    int dh = body.headWidth();
    double[][] out = new double[t][heads * dh];
    for (int h = 0; h < heads; h++) {
      double[][] qh = layerNorm(slice(q, h * dh, dh), name + ".q_norm");
      double[][] kh = layerNorm(slice(k, h * dh, dh), name + ".k_norm");
      for (int p = 0; p < t; p++) {
        double[] w = new double[p + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s <= p; s++) {
          double dot = 0;
          for (int i = 0; i < dh; i++) {
            dot += qh[p][i] * kh[s][i];
          }
          w[s] = dot * body.attentionScale();
          max = Math.max(max, w[s]);
        }
        double sum = 0;
        for (int s = 0; s <= p; s++) {
          w[s] = Math.exp(w[s] - max);
          sum += w[s];
        }
        for (int s = 0; s <= p; s++) {
          for (int i = 0; i < dh; i++) {
            out[p][h * dh + i] += w[s] / sum * v[s][h * dh + i];
          }
        }
      }
    }
    return out;
  }

  private double[][] linear(LayerPlan layer, double[][] x) {
    Map<String, DoubleTensor> factors = new HashMap<>();
    for (Factor f : layer.structure().chain()) {
      float[] values = state.get(layer.name() + "." + f.name());
      double[] data = new double[values.length];
      for (int i = 0; i < data.length; i++) {
        data[i] = values[i];
      }
      factors.put(f.name(), new DoubleTensor(f.indexNames(), f.shape(), data));
    }
    double[][] y = ReferenceEvaluator.apply(layer.structure(), factors, x);
    if (layer.bias()) {
      float[] bias = state.get(layer.name() + ".bias");
      for (double[] row : y) {
        for (int i = 0; i < row.length; i++) {
          row[i] += bias[i];
        }
      }
    }
    return y;
  }

  private double[][] layerNorm(double[][] x, String name) {
    float[] gain = state.get(name + ".gain");
    float[] bias = state.get(name + ".bias");
    double[][] y = new double[x.length][];
    for (int r = 0; r < x.length; r++) {
      double mean = 0;
      for (double value : x[r]) {
        mean += value / x[r].length;
      }
      double variance = 0;
      for (double value : x[r]) {
        variance += (value - mean) * (value - mean) / x[r].length;
      }
      y[r] = new double[x[r].length];
      for (int i = 0; i < x[r].length; i++) {
        y[r][i] = (x[r][i] - mean) / Math.sqrt(variance + LN_EPSILON) * gain[i] + bias[i];
      }
    }
    return y;
  }

  private static double[][] slice(double[][] x, int from, int width) {
    double[][] y = new double[x.length][width];
    for (int r = 0; r < x.length; r++) {
      System.arraycopy(x[r], from, y[r], 0, width);
    }
    return y;
  }

  private static void add(double[][] x, double[][] branch, double multiplier) {
    for (int r = 0; r < x.length; r++) {
      for (int i = 0; i < x[r].length; i++) {
        x[r][i] += multiplier * branch[r][i];
      }
    }
  }
}
