package io.einstruct.train.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.einstruct.train.Choices;
import java.util.Locale;

/** The optimiser of a run. */
public enum OptimizerKind implements Choices.Keyed {
  /** Adam. */
  ADAM,
  /** Adam with decoupled weight decay. */
  ADAMW;

  @Override
  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The optimizer called {@code text}, in any case. */
  @JsonCreator
  public static OptimizerKind parse(String text) {
    return Choices.parse(OptimizerKind.class, "optimizer", text);
  }

  @Override
  public String toString() {
    return key();
  }
}
