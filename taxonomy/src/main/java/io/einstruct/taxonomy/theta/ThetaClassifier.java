package io.einstruct.taxonomy.theta;

import io.einstruct.dsl.model.Structure;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads θ off a bound two-factor structure: each index must fall in one of the seven classes, and
 * each class's exponent is log(product of its sizes) / log(its width).
 */
public final class ThetaClassifier {
  private ThetaClassifier() {}

  /** θ of {@code s}, if it is a two-factor chain whose indices all lie in the seven classes. */
  public static Optional<Theta> classify(Structure s) {
    if (s.chain().size() != 2 || !s.routes().isEmpty() || s.dIn() < 2 || s.dOut() < 2) {
      return Optional.empty();
    }
    String a = s.chain().get(0).name();
    String b = s.chain().get(1).name();
    Map<ThetaClass, Double> logs = new EnumMap<>(ThetaClass.class);
    for (IndexClass ic : IndexClass.of(s)) {
      Set<String> roles = new HashSet<>();
      for (String t : ic.tensors()) {
        roles.add(t.equals(a) ? "A" : t.equals(b) ? "B" : t);
      }
      ThetaClass c = ThetaClass.of(roles);
      if (c == null) {
        return Optional.empty();
      }
      logs.merge(c, Math.log(ic.size()), Double::sum);
    }
    double[] v = new double[7];
    for (ThetaClass c : ThetaClass.values()) {
      double value = logs.getOrDefault(c, 0.0) / Math.log(c.width(s.dIn(), s.dOut()));
      // logs of integers carry float noise: 0.7999999999999999 is 0.8
      v[c.ordinal()] = Math.max(0, Math.min(1, Math.rint(value * 1e9) / 1e9));
    }
    return Optional.of(Theta.of(v));
  }
}
