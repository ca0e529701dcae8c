package io.einstruct.train.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.einstruct.train.Choices;
import java.util.Locale;

/** The kind of model a run trains. */
public enum ModelKind implements Choices.Keyed {
  /** The paper's residual MLP, on images or vectors. */
  MLP,
  /** A vision transformer, on images. */
  VIT,
  /** A byte-level GPT, on text. */
  GPT;

  @Override
  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The model called {@code text}, in any case. */
  @JsonCreator
  public static ModelKind parse(String text) {
    return Choices.parse(ModelKind.class, "model", text);
  }

  @Override
  public String toString() {
    return key();
  }
}
