package io.einstruct.train.tf;

import org.tensorflow.proto.ConfigProto;

/**
 * How a session uses the machine.
 *
 * @param intraOpThreads threads inside one op (0: TensorFlow's default, the number of cores)
 * @param interOpThreads threads running independent ops (0: TensorFlow's default)
 * @param device where the graph is placed
 */
public record SessionOptions(int intraOpThreads, int interOpThreads, Device device) {
  public SessionOptions {
    if (intraOpThreads < 0 || interOpThreads < 0) {
      throw new IllegalArgumentException("thread counts must be >= 0");
    }
  }

  /** All cores, on the CPU. */
  public static SessionOptions defaults() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new SessionOptions(cores, cores, Device.CPU);
  }

  /**
   * The session configuration; soft placement lets ops without a GPU kernel fall back to the CPU.
   */
  public ConfigProto config() {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraOpThreads)
        .setInterOpParallelismThreads(interOpThreads)
        .setAllowSoftPlacement(true)
        .build();
  }
}
