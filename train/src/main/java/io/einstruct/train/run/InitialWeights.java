package io.einstruct.train.run;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.tensor.NamedTensor;
import io.einstruct.dsl.tensor.Safetensors;
import io.einstruct.train.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starting weights from a safetensors file — a run exported by {@code einstruct export} or a dense
 * run projected onto a structure by {@code einstruct project} — put over a model's random start.
 * Every tensor of the file must name a trainable parameter of the model and have its shape; the
 * parameters the file leaves out keep their random start.
 *
 * @param file the file read
 * @param tensors the tensors it holds, by parameter name
 */
public record InitialWeights(Path file, Map<String, NamedTensor> tensors) {

  /** Reads {@code file}; a missing or malformed file is an error naming it. */
  public static InitialWeights read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw EinError.setting("init-from", file + " is not a file");
    }
    Map<String, NamedTensor> byName = new LinkedHashMap<>();
    for (NamedTensor t : Safetensors.read(file).tensors()) {
      byName.put(t.name(), t);
    }
    if (byName.isEmpty()) {
      throw EinError.of(file.toString(), "holds no tensor");
    }
    return new InitialWeights(file, Map.copyOf(byName));
  }

  /**
   * Puts the file's tensors into {@code model}, which has been initialised; returns how many of its
   * trainable parameters they set.
   *
   * @throws EinError if a tensor names no trainable parameter or has another shape
   */
  public int applyTo(Model model) {
    List<NamedTensor> params = model.weights();
    Map<String, long[]> shapes = new LinkedHashMap<>();
    params.forEach(p -> shapes.put(p.name(), p.shape()));
    for (NamedTensor t : tensors.values()) {
      long[] want = shapes.get(t.name());
      if (want == null) {
        throw EinError.of(
            file.toString(),
            "tensor "
                + t.name()
                + " names no parameter of this model (it has "
                + String.join(", ", shapes.keySet().stream().limit(6).toList())
                + (shapes.size() > 6 ? ", …" : "")
                + "); was it made for another structure or width?");
      }
      if (!Arrays.equals(want, t.shape())) {
        throw EinError.of(
            file.toString(),
            "tensor "
                + t.name()
                + " has shape "
                + Arrays.toString(t.shape())
                + ", the model's parameter "
                + Arrays.toString(want));
      }
    }
    Map<String, float[]> state = new LinkedHashMap<>(model.state());
    tensors.values().forEach(t -> state.put(t.name(), t.data()));
    model.restore(state);
    return tensors.size();
  }
}
