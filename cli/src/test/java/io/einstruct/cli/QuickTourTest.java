package io.einstruct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use from Java" program, {@code examples/java/QuickTour.java}, compiled against the
 * modules and run, so that it cannot rot.
 */
class QuickTourTest {
  @TempDir Path dir;

  @Test
  void compilesAndRuns() throws Exception {
    Path source = Path.of("..", "examples", "java", "QuickTour.java");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int code =
        javac.run(
            null,
            diagnostics,
            diagnostics,
            "-Xlint:all",
            "-Werror",
            "-cp",
            System.getProperty("java.class.path"),
            "-d",
            dir.resolve("classes").toString(),
            source.toString());
    assertThat(code).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
    // the README shows the program itself: keep the two the same
    String readme = Files.readString(Path.of("..", "README.md"));
    String program = Files.readString(source);
    assertThat(readme)
        .contains(program.substring(program.indexOf("public final class QuickTour")).strip());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {dir.resolve("classes").toUri().toURL()}, getClass().getClassLoader())) {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      loader
          .loadClass("QuickTour")
          .getMethod("main", String[].class)
          .invoke(null, (Object) new String[] {dir.resolve("run").toString()});
    } finally {
      System.setOut(old);
    }
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(0)).isEqualTo("btt 1024x1024: 65536 params, 65536 MACs");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  plan: "));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  step 40: test loss "));
    String last =
        lines.stream().filter(l -> l.startsWith("  step 40: test loss ")).findFirst().orElseThrow();
    String reloaded =
        lines.stream().filter(l -> l.startsWith("reloaded: test loss ")).findFirst().orElseThrow();
    assertThat(Double.parseDouble(reloaded.substring(20)))
        .isCloseTo(
            Double.parseDouble(last.substring(21)), org.assertj.core.data.Offset.offset(1e-6));
    assertThat(lines.get(lines.size() - 1)).startsWith("prediction at 0: ");
  }
}
