package io.einstruct.train.run;

import com.google.common.hash.Hashing;
import io.einstruct.train.model.StructureChoice;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.tensorflow.TensorFlow;

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

  /** The provenance of a run of {@code c} whose layers use {@code structure}. */
  static Provenance of(StructureChoice structure, TrainConfig c) {
    String source = structure.template().decl().source().text();
    String sha = Hashing.sha256().hashString(source, StandardCharsets.UTF_8).toString();
    String version = Provenance.class.getPackage().getImplementationVersion();
    return new Provenance(
        source,
        sha,
        c.model().params(),
        c.run().seed(),
        Map.of(
            "einstruct",
            version == null ? "dev" : version,
            "tensorflow",
            TensorFlow.version(),
            "java",
            System.getProperty("java.version")),
        c.run().device().toString());
  }
}
