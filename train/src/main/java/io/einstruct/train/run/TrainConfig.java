package io.einstruct.train.run;

/**
 * Everything a training run is made from; written to {@code config.json}, read back to resume.
 *
 * @param formatVersion the version of this file's format
 * @param model the model
 * @param data the data
 * @param optim the optimiser
 * @param run length, seed and machine
 */
public record TrainConfig(
    int formatVersion, ModelConfig model, DataConfig data, OptimConfig optim, RunConfig run) {
  /** The version written by this einstruct. */
  public static final int FORMAT_VERSION = 1;

  /** The defaults: a dense residual MLP on Fashion-MNIST. */
  public static TrainConfig defaults() {
    return new TrainConfig(
        FORMAT_VERSION,
        ModelConfig.defaults(),
        DataConfig.defaults(),
        OptimConfig.defaults(),
        RunConfig.defaults());
  }

  /** This configuration with another model. */
  public TrainConfig with(ModelConfig m) {
    return new TrainConfig(formatVersion, m, data, optim, run);
  }

  /** This configuration with other data. */
  public TrainConfig with(DataConfig d) {
    return new TrainConfig(formatVersion, model, d, optim, run);
  }

  /** This configuration with another optimiser. */
  public TrainConfig with(OptimConfig o) {
    return new TrainConfig(formatVersion, model, data, o, run);
  }

  /** This configuration with another run length or machine. */
  public TrainConfig with(RunConfig r) {
    return new TrainConfig(formatVersion, model, data, optim, r);
  }
}
