package io.einstruct.dsl.library;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import io.einstruct.dsl.resolve.Suggestions;
import io.einstruct.dsl.syntax.EinFile;
import io.einstruct.dsl.syntax.Parser;
import io.einstruct.dsl.syntax.StructureDecl;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The structures a run can name: the built-ins, read from this package's {@code .ein} resources,
 * plus any templates added from user files. An instance, built once by the caller and passed down;
 * there is no global registry.
 */
public final class Library {
  /** The built-in structures, in the order {@code einstruct list} shows them. */
  public static final List<String> BUILT_INS =
      List.of(
          "dense",
          "lowrank",
          "kron",
          "monarch",
          "tt",
          "btt",
          "btt3",
          "blockdiag",
          "btt_moe",
          "dense_moe");

  private final Map<String, Template> templates;

  private Library(Map<String, Template> templates) {
    this.templates = Map.copyOf(templates);
  }

  /** The library of built-ins. */
  public static Library builtIns() {
    Map<String, Template> templates = new LinkedHashMap<>();
    for (String name : BUILT_INS) {
      Source source = new Source(name + ".ein", resource(name + ".ein"));
      StructureDecl decl = Parser.parse(source).structure(name);
      templates.put(name, new Template(decl, true));
    }
    return new Library(templates);
  }

  /** The built-in's source text, as shipped. */
  public static String resource(String file) {
    try (InputStream in = Library.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("built-in resource " + file + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The built-in templates in display order. */
  public List<Template> builtInTemplates() {
    List<Template> out = new ArrayList<>();
    for (String name : BUILT_INS) {
      out.add(templates.get(name));
    }
    return out;
  }

  /** The template called {@code name}, if any. */
  public Optional<Template> find(String name) {
    return Optional.ofNullable(templates.get(name));
  }

  /**
   * Finds a template by what a user typed: a path to a {@code .ein} file (with {@code
   * structureName} choosing among several structures in it) or a built-in's name.
   *
   * @throws EinError for an unknown name or a bad file
   * @throws UncheckedIOException if an existing file cannot be read
   */
  public Template lookup(String what, String structureName) {
    return lookup(Path.of(""), what, structureName);
  }

  /** {@link #lookup(String, String)} with relative paths resolved against {@code directory}. */
  Template lookup(Path directory, String what, String structureName) {
    Path path = directory.resolve(what);

    // a built-in's name wins over a file or directory of that name in the working directory
    // (a run directory called "dense" must not hide the dense structure)
    boolean looksLikeFile =
        what.endsWith(".ein")
            || what.contains("/")
            || (!templates.containsKey(what) && Files.isRegularFile(path));
    if (!looksLikeFile) {
      Template t = templates.get(what);
      if (t != null) {
        return t;
      }

      Source arg = new Source("<command line>", what);
      throw EinError.at(
          arg,
          arg.span(1, 1, Math.max(1, what.length())),
          "'"
              + what
              + "' is neither a built-in structure nor a .ein file;"
              + Suggestions.didYouMean(what, BUILT_INS)
              + " built-ins: "
              + String.join(", ", BUILT_INS),
          BUILT_INS);
    }
    if (!Files.isRegularFile(path)) {
      Source arg = new Source("<command line>", what);
      throw EinError.at(arg, arg.span(1, 1, Math.max(1, what.length())), "no such file: " + what);
    }
    try {
      EinFile file = Parser.parse(Source.read(path));
      return new Template(file.structure(structureName), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + what + ": " + e.getMessage(), e);
    }
  }
}
