package io.einstruct.train.run;

import io.einstruct.dsl.EinError;
import io.einstruct.train.data.Batch;
import io.einstruct.train.model.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Generates bytes from a byte-level GPT, one at a time, by temperature and top-k sampling.
 *
 * <p>No key/value cache: the graph takes windows of exactly {@code context} tokens, so each new
 * byte runs the whole window (the prompt's last {@code context} bytes at positions 0…m−1, the rest
 * padding that causal attention keeps from reaching position m−1) and reads the logits at m−1. A
 * cache would need a second graph fed one token and every block's keys and values; at the contexts
 * einstruct trains on this machine (≤ 256) a window costs a few milliseconds, which the note
 * measures.
 */
public final class TextSampler {
  /** Byte-level vocabulary. */
  public static final int VOCAB = 256;

  private final Model model;
  private final int context;

  /**
   * A sampler of {@code model}, a GPT over windows of {@code context} bytes.
   *
   * @param model the model; not closed here
   * @param context tokens per window
   */
  public TextSampler(Model model, int context) {
    if (model.outputWidth() != context || context < 1) {
      throw new IllegalArgumentException(
          "a GPT over windows of " + context + " tokens, got outputs of " + model.outputWidth());
    }
    this.model = model;
    this.context = context;
  }

  /**
   * Sampling settings.
   *
   * @param tokens bytes to generate
   * @param temperature logits are divided by it; 0 takes the most likely byte every time
   * @param topK only the k most likely bytes are drawn from (0: all)
   * @param seed the draws' seed: the same seed, prompt and model give the same bytes
   */
  public record Settings(int tokens, double temperature, int topK, long seed) {
    public Settings {
      if (tokens < 1) {
        throw EinError.setting("tokens", "must be at least 1, got " + tokens);
      }
      if (!(temperature >= 0) || Double.isInfinite(temperature)) {
        throw EinError.setting("temperature", "must be 0 or more, got " + temperature);
      }
      if (topK < 0 || topK > VOCAB) {
        throw EinError.setting("top_k", "must be 0 (every byte) to " + VOCAB + ", got " + topK);
      }
    }
  }

  /**
   * Generates {@link Settings#tokens()} bytes after {@code prompt} (a newline when empty), handing
   * each to {@code sink} as soon as it is drawn.
   */
  public void generate(byte[] prompt, Settings s, IntConsumer sink) {
    List<Integer> history = new ArrayList<>();
    for (byte b : prompt.length == 0 ? new byte[] {'\n'} : prompt) {
      history.add(b & 0xff);
    }
    SplittableRandom random = new SplittableRandom(s.seed());
    int[] window = new int[context];
    int[] labels = new int[context];
    for (int n = 0; n < s.tokens(); n++) {
      int m = Math.min(context, history.size());
      Arrays.fill(window, 0);
      for (int i = 0; i < m; i++) {
        window[i] = history.get(history.size() - m + i);
      }
      float[] logits = model.outputs(Batch.text(window, labels, 1));
      int next = draw(logits, (m - 1) * VOCAB, s, random);
      history.add(next);
      sink.accept(next);
    }
  }

  private static int draw(float[] logits, int at, Settings s, SplittableRandom random) {
    Integer[] order = new Integer[VOCAB];
    for (int i = 0; i < VOCAB; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Float.compare(logits[at + b], logits[at + a]));
    if (s.temperature() == 0) {
      return order[0];
    }
    int k = s.topK() == 0 ? VOCAB : s.topK();
    double max = logits[at + order[0]];
    double[] weight = new double[k];
    double total = 0;
    for (int i = 0; i < k; i++) {
      weight[i] = Math.exp((logits[at + order[i]] - max) / s.temperature());
      total += weight[i];
    }
    double u = random.nextDouble() * total;
    for (int i = 0; i < k; i++) {
      u -= weight[i];
      if (u < 0) {
        return order[i];
      }
    }
    return order[k - 1];
  }
}
