package io.einstruct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every study of {@code examples/studies} (the findings' reproductions) is valid as written: its
 * task, structures at every width, data sources and budgets check, and it expands to trials. None
 * is run here; docs/findings.md says how long each takes.
 */
class ExampleStudiesTest {
  static Stream<Path> studies() throws Exception {
    Path dir = Path.of("..", "examples", "studies");
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
      assertThat(yaml).hasSizeGreaterThanOrEqualTo(8);
      return yaml.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("studies")
  void validates(Path study) {
    MainTest.Run run = MainTest.run("search", "validate", study.toString());
    assertThat(run.code()).as(run.err()).isZero();
    String name = study.getFileName().toString().replace(".yaml", "");
    assertThat(run.out()).startsWith("study " + name + ": ").doesNotContain("skipped");
  }
}
