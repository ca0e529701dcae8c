package io.einstruct.dsl.plan;

import io.einstruct.dsl.model.Index;
import io.einstruct.dsl.model.Structure;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Single letters for einsum strings. An index named by one ASCII letter keeps it; others take their
 * first letter if free, else the first free letter. The batch index prefers {@code n}.
 */
final class Letters {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private Letters() {}

  static Map<String, Character> assign(Structure s) {
    Map<String, Character> letters = new LinkedHashMap<>();
    Set<Character> used = new HashSet<>();
    List<Index> indices = s.indices();
    for (Index i : indices) {
      String name = i.name();
      if (name.length() == 1 && ALPHABET.indexOf(name.charAt(0)) >= 0) {
        letters.put(name, name.charAt(0));
        used.add(name.charAt(0));
      }
    }
    for (Index i : indices) {
      if (!letters.containsKey(i.name())) {
        char first = i.name().charAt(0);
        char letter =
            ALPHABET.indexOf(first) >= 0 && !used.contains(first) && first != 'n'
                ? first
                : free(used, 'a');
        letters.put(i.name(), letter);
        used.add(letter);
      }
    }
    char batch = used.contains('n') ? free(used, 'N') : 'n';
    letters.put(Planner.BATCH, batch);
    return letters;
  }

  private static char free(Set<Character> used, char preferred) {
    if (!used.contains(preferred) && preferred != 'n') {
      return preferred;
    }
    for (char c : ALPHABET.toCharArray()) {
      if (!used.contains(c) && c != 'n') {
        return c;
      }
    }
    throw new IllegalArgumentException("more than 51 indices cannot be spelled as an einsum");
  }

  static String spell(List<String> indices, Map<String, Character> letters) {
    StringBuilder out = new StringBuilder();
    for (String i : indices) {
      out.append(letters.get(i));
    }
    return out.toString();
  }
}
