package io.einstruct.dsl.eval;

import io.einstruct.dsl.model.Factor;
import io.einstruct.dsl.model.Structure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Values for the factors of a structure. */
public final class FactorValues {
  private FactorValues() {}

  /**
   * Independent Gaussian values with standard deviation {@code std} for every factor, drawn in
   * chain order from one seeded generator so that the same seed gives the same values.
   */
  public static Map<String, DoubleTensor> gaussian(Structure s, long seed, double std) {
    Random random = new Random(seed);
    Map<String, DoubleTensor> values = new LinkedHashMap<>();
    for (Factor f : s.chain()) {
      double[] data = new double[Math.toIntExact(f.numel())];
      for (int i = 0; i < data.length; i++) {
        data[i] = std * random.nextGaussian();
      }
      values.put(f.name(), new DoubleTensor(f.indexNames(), f.shape(), data));
    }
    return values;
  }
}
