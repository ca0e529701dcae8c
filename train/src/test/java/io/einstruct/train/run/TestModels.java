package io.einstruct.train.run;

import java.util.List;

/** Model configurations for tests: no weight norm, structure-aware rates, automatic lowering. */
final class TestModels {
  private TestModels() {}

  static ModelConfig model(
      String kind,
      String structure,
      List<String> params,
      int width,
      int depth,
      int expansion,
      int baseWidth,
      TransformerConfig transformer) {
    return new ModelConfig(
        kind,
        structure,
        null,
        params,
        "auto",
        width,
        depth,
        expansion,
        baseWidth,
        false,
        false,
        "auto",
        null,
        transformer);
  }
}
