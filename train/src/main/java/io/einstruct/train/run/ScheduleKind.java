package io.einstruct.train.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.einstruct.train.Choices;
import java.util.Locale;

/** How the learning rate moves over a run. */
public enum ScheduleKind implements Choices.Keyed {
  /** Cosine decay (after any warm-up) to the final fraction of the peak. */
  COSINE,
  /** The peak rate throughout (after any warm-up). */
  CONSTANT;

  @Override
  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The schedule called {@code text}, in any case. */
  @JsonCreator
  public static ScheduleKind parse(String text) {
    return Choices.parse(ScheduleKind.class, "schedule", text);
  }

  @Override
  public String toString() {
    return key();
  }
}
