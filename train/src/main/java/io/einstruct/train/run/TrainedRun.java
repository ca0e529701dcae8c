package io.einstruct.train.run;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.library.Library;
import io.einstruct.train.data.BatchSource;
import io.einstruct.train.data.DataShape;
import io.einstruct.train.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained model loaded back from its run directory — finished or interrupted — at its last
 * checkpoint, with the data it is scored on. Owns the model; closing it frees the graph and
 * session.
 */
public final class TrainedRun implements AutoCloseable {
  private final Path dir;
  private final TrainConfig config;
  private final RunState state;
  private final BatchSource data;
  private final Model model;

  private TrainedRun(Path dir, TrainConfig config, RunState state, BatchSource data, Model model) {
    this.dir = dir;
    this.config = config;
    this.state = state;
    this.data = data;
    this.model = model;
  }

  /** The run in {@code dir} on its own data. */
  public static TrainedRun open(Library library, Path dir) {
    return open(library, dir, null);
  }

  /**
   * The run in {@code dir}, scored on {@code source} when not null: other data of the shape the run
   * was trained on (the same features and outputs per example).
   */
  public static TrainedRun open(Library library, Path dir, DataSource source) {
    TrainConfig config = Trainer.config(dir);
    Path file = dir.resolve(Checkpoint.FILE);
    if (!Files.exists(file)) {
      throw EinError.of(
          dir.toString(), "holds no checkpoint: the run stopped before its first evaluation");
    }
    TrainConfig scored = source == null ? config : config.with(config.data().withSource(source));
    DataShape own = RunData.shape(config.data(), config.run());
    if (source != null) {
      DataShape other = RunData.shape(scored.data(), scored.run());
      if (other.features() != own.features()
          || other.outputs() != own.outputs()
          || other.text() != own.text()) {
        throw EinError.setting(
            "data",
            source
                + " gives "
                + describe(other)
                + " per example; the run was trained on "
                + describe(own));
      }
    }
    Checkpoint.Loaded loaded = Checkpoint.load(file);
    BatchSource data = RunData.load(scored.data(), scored.run());
    Model model = RunModels.model(library, config, data);
    try {
      model.restore(loaded.values());
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return new TrainedRun(dir, config, loaded.state(), data, model);
  }

  private static String describe(DataShape s) {
    return s.text()
        ? "text"
        : s.features()
            + " features and "
            + s.outputs()
            + (s.outputs() == 1 ? " output" : " outputs");
  }

  /** The run's directory. */
  public Path dir() {
    return dir;
  }

  /** How the run was configured. */
  public TrainConfig config() {
    return config;
  }

  /** Where the run stood at its checkpoint (its step, samples and FLOPs). */
  public RunState state() {
    return state;
  }

  /** The data it is scored on. */
  public BatchSource data() {
    return data;
  }

  /** The model, its weights the checkpoint's. */
  public Model model() {
    return model;
  }

  /**
   * Writes every trainable tensor with its shape to a safetensors file, with the metadata a reader
   * needs to rebuild the layers: the configuration, the structure's DSL source and parameters.
   */
  public void exportSafetensors(Library library, Path file) {
    io.einstruct.dsl.tensor.Safetensors.write(
        file, model.weights(), metadata(library, config, state.step()));
  }

  /**
   * The metadata einstruct writes beside a model's tensors: the model kind, the configuration, the
   * structure's name, DSL source, hash and parameters, the width and the step.
   */
  public static java.util.Map<String, String> metadata(
      Library library, TrainConfig config, long step) {
    Provenance p = Provenance.of(RunModels.structure(library, config.model()), config);
    java.util.Map<String, String> meta = new java.util.LinkedHashMap<>();
    meta.put("einstruct.model", config.model().kind().key());
    meta.put("einstruct.structure", config.model().structure());
    meta.put("einstruct.structure_source", p.source());
    meta.put("einstruct.structure_sha256", p.sourceSha256());
    meta.put("einstruct.params", String.join(" ", p.args()));
    meta.put("einstruct.width", Integer.toString(config.model().width()));
    meta.put("einstruct.step", Long.toString(step));
    meta.put("einstruct.version", p.versions().getOrDefault("einstruct", "dev"));
    try {
      meta.put("einstruct.config", Json.mapper().writeValueAsString(config));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return meta;
  }

  /** Loss and error on the held-out examples of {@link #data()}. */
  public HeldOut evaluate() {
    return HeldOut.of(model, data, Trainer.evalBatch(config));
  }

  @Override
  public void close() {
    model.close();
  }
}
