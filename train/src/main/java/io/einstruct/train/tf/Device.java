package io.einstruct.train.tf;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.einstruct.dsl.EinError;
import org.tensorflow.DeviceSpec;

/**
 * Where a graph runs: {@code cpu} or {@code gpu:N}.
 *
 * @param gpu true for a GPU
 * @param index the GPU's index (0 for the CPU)
 */
public record Device(boolean gpu, int index) {
  /** The CPU, the default. */
  public static final Device CPU = new Device(false, 0);

  /** Parses {@code cpu}, {@code gpu} or {@code gpu:N}. */
  @JsonCreator
  public static Device parse(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    if (t.equals("cpu")) {
      return CPU;
    }
    if (t.equals("gpu")) {
      return new Device(true, 0);
    }
    if (t.startsWith("gpu:")) {
      try {
        int index = Integer.parseInt(t.substring(4));
        if (index >= 0) {
          return new Device(true, index);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw EinError.setting("device", "expected cpu or gpu:N, got '" + text + "'");
  }

  /** The TensorFlow device specification. */
  public DeviceSpec spec() {
    return DeviceSpec.newBuilder()
        .deviceType(gpu ? DeviceSpec.DeviceType.GPU : DeviceSpec.DeviceType.CPU)
        .deviceIndex(index)
        .build();
  }

  @Override
  @JsonValue
  public String toString() {
    return gpu ? "gpu:" + index : "cpu";
  }
}
