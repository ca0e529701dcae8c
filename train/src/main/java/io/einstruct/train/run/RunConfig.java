package io.einstruct.train.run;

import io.einstruct.train.tf.Device;

/**
 * How long a run is and how it uses the machine.
 *
 * @param epochs passes over the training set (ignored when {@code steps} > 0)
 * @param steps optimiser steps (0: {@code epochs} full epochs)
 * @param batch examples per step
 * @param seed seeds initialisation, data order and augmentation
 * @param evalEvery steps between evaluations (0: once per epoch); the last step always evaluates
 * @param intraThreads threads inside one op (0: all cores)
 * @param interThreads threads across ops (0: all cores)
 * @param device {@code cpu} or {@code gpu:N}
 */
public record RunConfig(
    int epochs,
    long steps,
    int batch,
    long seed,
    long evalEvery,
    int intraThreads,
    int interThreads,
    Device device) {
  /** This run with another seed. */
  public RunConfig withSeed(long s) {
    return new RunConfig(epochs, steps, batch, s, evalEvery, intraThreads, interThreads, device);
  }

  /** This run for {@code n} steps. */
  public RunConfig withSteps(long n) {
    return new RunConfig(epochs, n, batch, seed, evalEvery, intraThreads, interThreads, device);
  }

  /** This run on {@code n} intra-op and inter-op threads. */
  public RunConfig withThreads(int n) {
    return new RunConfig(epochs, steps, batch, seed, evalEvery, n, n, device);
  }

  /** Five epochs of batch 1024. */
  public static RunConfig defaults() {
    return new RunConfig(5, 0, 1024, 0, 0, 0, 0, Device.CPU);
  }
}
