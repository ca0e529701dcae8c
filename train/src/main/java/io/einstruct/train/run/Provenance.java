package io.einstruct.train.run;

import java.util.List;
import java.util.Map;

/**
 * Where a result came from: enough to run it again.
 *
 * @param source the DSL source of the structure, verbatim
 * @param sourceSha256 its SHA-256
 * @param args the structure's parameter values as given
 * @param seed the run's seed
 * @param versions einstruct, TensorFlow and Java versions
 * @param device where the graph ran
 */
public record Provenance(
    String source,
    String sourceSha256,
    List<String> args,
    long seed,
    Map<String, String> versions,
    String device) {
  public Provenance {
    args = List.copyOf(args);
    versions = Map.copyOf(versions);
  }
}
