package io.einstruct.dsl;

import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.dsl.resolve.Resolver;
import io.einstruct.dsl.syntax.Parser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random small valid structures, written as {@code .ein} text and bound through the real parser and
 * resolver, for property tests here and in the modules that test against this one.
 */
public final class RandomStructures {
  private RandomStructures() {}

  /** A random structure with {@code factors} factors (1 to 5), reproducible from {@code seed}. */
  public static Structure chain(int factors, long seed) {
    Random random = new Random(seed);
    for (int attempt = 0; ; attempt++) {
      String text = source(factors, random);
      try {
        return Resolver.resolve(
            Parser.parse(new Source("random.ein", text)).structure(null), Args.none());
      } catch (EinError e) {
        if (attempt > 1000) {
          throw new IllegalStateException(
              "no valid structure after 1000 attempts: " + e.getMessage());
        }
      }
    }
  }

  /** The text of a random candidate; it may be invalid, and then the caller tries again. */
  public static String source(int factors, Random random) {
    int count = 2 + random.nextInt(5);
    List<String> names = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(String.valueOf((char) ('a' + i)));
      sizes.add(1 + random.nextInt(4));
    }
    List<Set<String>> tensors = new ArrayList<>();
    for (int t = 0; t < factors + 2; t++) {
      Set<String> set = new LinkedHashSet<>();
      for (String n : names) {
        if (random.nextInt(3) == 0) {
          set.add(n);
        }
      }
      if (set.isEmpty()) {
        set.add(names.get(random.nextInt(count)));
      }
      tensors.add(set);
    }
    Set<String> used = new LinkedHashSet<>();
    tensors.forEach(used::addAll);
    Set<String> y = tensors.get(0);
    Set<String> x = tensors.get(1);
    long dIn = 1;
    long dOut = 1;
    StringBuilder dims = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (used.contains(names.get(i))) {
        dims.append("  dim ").append(names.get(i)).append(" = ").append(sizes.get(i)).append('\n');
        dIn *= x.contains(names.get(i)) ? sizes.get(i) : 1;
        dOut *= y.contains(names.get(i)) ? sizes.get(i) : 1;
      }
    }
    StringBuilder eq = new StringBuilder("  y" + list(y) + " =");
    for (int t = factors + 1; t >= 2; t--) {
      eq.append(" F").append(t - 1).append(list(tensors.get(t))).append(" *");
    }
    eq.append(" x").append(list(x)).append('\n');
    return "structure random(d_in = " + dIn + ", d_out = " + dOut + ") {\n" + dims + eq + "}\n";
  }

  private static String list(Set<String> indices) {
    return "[" + String.join(", ", indices) + "]";
  }
}
