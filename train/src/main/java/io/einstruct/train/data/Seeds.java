package io.einstruct.train.data;

/** Independent, reproducible seeds for each (run seed, stream, epoch, index). */
final class Seeds {
  private Seeds() {}

  /** A well-mixed seed from the given parts (SplitMix64 finaliser applied to each). */
  static long mix(long... parts) {
    long h = 0x9E3779B97F4A7C15L;
    for (long p : parts) {
      h = finalise(h ^ finalise(p + 0x632BE59BD9B4E019L));
    }
    return h;
  }

  private static long finalise(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
