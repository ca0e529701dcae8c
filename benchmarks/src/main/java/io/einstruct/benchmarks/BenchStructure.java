package io.einstruct.benchmarks;

import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.resolve.Args;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A structure named as the benchmark tables name it: a built-in and short parameters, e.g. {@code
 * btt r=1}, {@code monarch b=4}, {@code btt_moe E=8 k=2}.
 *
 * @param label the name as written
 * @param builtIn the built-in structure
 * @param params its parameters as {@code NAME=VALUE}, with the DSL's names
 */
public record BenchStructure(String label, String builtIn, List<String> params) {
  private static final Map<String, String> ALIASES =
      Map.of("r", "rank", "b", "blocks", "E", "experts");

  /** Parses {@code label}. */
  public static BenchStructure parse(String label) {
    String[] words = label.strip().split("\\s+");
    List<String> params = new ArrayList<>();
    for (int i = 1; i < words.length; i++) {
      String[] kv = words[i].split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("expected NAME=VALUE in '" + label + "'");
      }
      params.add(ALIASES.getOrDefault(kv[0], kv[0]) + "=" + kv[1]);
    }
    return new BenchStructure(label, words[0], params);
  }

  /** The structure at {@code width → width}. */
  public Structure bind(Library library, int width) {
    return library
        .lookup(builtIn, null)
        .bind(Args.parse(params).with("d_in", width).with("d_out", width));
  }
}
