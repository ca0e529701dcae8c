package io.einstruct.train.run;

import io.einstruct.train.compile.Lowering;
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
        ModelKind.parse(kind),
        structure,
        null,
        params,
        InputStructure.AUTO,
        width,
        depth,
        expansion,
        baseWidth,
        false,
        false,
        Lowering.AUTO,
        null,
        transformer);
  }
}
