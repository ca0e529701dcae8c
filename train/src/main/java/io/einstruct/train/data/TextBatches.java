package io.einstruct.train.data;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Plural;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Next-byte prediction on a {@link TextCorpus}: each example is a window of {@code context} bytes
 * and, as labels, the same window shifted by one. Training windows start at random offsets drawn
 * from (seed, epoch, index), so a batch is a pure function of its position; validation uses fixed,
 * non-overlapping windows spread over the validation text, at most {@link #EVAL_TOKENS} tokens.
 */
public final class TextBatches implements BatchSource {
  /** Validation tokens scored per evaluation, at most. */
  public static final int EVAL_TOKENS = 1 << 16;

  private static final long WINDOWS = 3;

  private final TextCorpus corpus;
  private final int context;
  private final int batchSize;
  private final long seed;

  /**
   * @param corpus the text
   * @param context tokens per example
   * @param batchSize examples per batch
   * @param seed where the training windows start
   */
  public TextBatches(TextCorpus corpus, int context, int batchSize, long seed) {
    if (context < 1) {
      throw EinError.setting("context", "must be positive, got " + context);
    }
    if (corpus.train().length < (long) context * batchSize + 1) {
      throw EinError.of(
          corpus.name(),
          String.format(
              Locale.ROOT,
              "%d training bytes do not fill one batch of %s of %s",
              corpus.train().length,
              Plural.of(batchSize, "window"),
              Plural.of(context + 1, "token")));
    }
    if (corpus.validation().length < context + 1) {
      throw EinError.of(
          corpus.name(),
          "the validation text (last 10% of each file) is shorter than one window of "
              + (context + 1)
              + " bytes");
    }
    this.corpus = corpus;
    this.context = context;
    this.batchSize = batchSize;
    this.seed = seed;
  }

  @Override
  public DataShape shape() {
    return DataShape.text(context, TextCorpus.VOCAB, (int) (batchesPerEpoch() * batchSize));
  }

  /** An epoch is as many windows as tile the training text once. */
  @Override
  public long batchesPerEpoch() {
    return batchesPerEpoch(corpus.train().length, context, batchSize);
  }

  /** Batches of {@code batch} windows of {@code context} that tile {@code trainBytes} once. */
  public static long batchesPerEpoch(long trainBytes, int context, int batch) {
    return Math.max(1, (trainBytes - 1) / ((long) context * batch));
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public Batch batch(long epoch, long index) {
    SplittableRandom random = new SplittableRandom(Seeds.mix(seed, WINDOWS, epoch, index));
    int[] tokens = new int[batchSize * context];
    int[] labels = new int[batchSize * context];
    byte[] text = corpus.train();
    int starts = text.length - context;
    for (int n = 0; n < batchSize; n++) {
      window(text, random.nextInt(starts), tokens, labels, n * context);
    }
    return Batch.text(tokens, labels, batchSize);
  }

  @Override
  public List<Batch> test(int size) {
    byte[] text = corpus.validation();
    int available = (text.length - 1) / context;
    int windows = Math.max(1, Math.min(available, EVAL_TOKENS / context));
    // spread the windows evenly, so a long validation text is sampled end to end
    long stride = (long) (text.length - 1 - context) / Math.max(1, windows - 1);
    List<Batch> batches = new ArrayList<>();
    for (int first = 0; first < windows; first += size) {
      int n = Math.min(size, windows - first);
      int[] tokens = new int[n * context];
      int[] labels = new int[n * context];
      for (int i = 0; i < n; i++) {
        int start =
            (int) Math.min((first + i) * Math.max(stride, context), text.length - 1 - context);
        window(text, start, tokens, labels, i * context);
      }
      batches.add(Batch.text(tokens, labels, n));
    }
    return batches;
  }

  private void window(byte[] text, int start, int[] tokens, int[] labels, int offset) {
    for (int t = 0; t < context; t++) {
      tokens[offset + t] = text[start + t] & 0xff;
      labels[offset + t] = text[start + t + 1] & 0xff;
    }
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s (%d training and %d validation bytes, windows of %s)",
        corpus.name(),
        corpus.train().length,
        corpus.validation().length,
        Plural.of(context, "token"));
  }
}
