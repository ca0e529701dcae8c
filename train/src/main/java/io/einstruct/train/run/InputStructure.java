package io.einstruct.train.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.einstruct.train.Choices;
import java.util.Locale;

/** The structure of a model's input layer. */
public enum InputStructure implements Choices.Keyed {
  /** Dense for low rank (as the paper), else the model's structure. */
  AUTO,
  /** Always dense. */
  DENSE,
  /** The model's structure. */
  SAME;

  @Override
  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The input_structure called {@code text}, in any case. */
  @JsonCreator
  public static InputStructure parse(String text) {
    return Choices.parse(InputStructure.class, "input_structure", text);
  }

  @Override
  public String toString() {
    return key();
  }
}
