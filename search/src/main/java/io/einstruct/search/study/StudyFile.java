package io.einstruct.search.study;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import io.einstruct.dsl.Span;
import io.einstruct.dsl.resolve.Suggestions;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a study file, YAML ({@code .yaml}, {@code .yml}) or JSON, with snake_case keys. Every
 * mistake — a syntax error, an unknown key, a value of the wrong type, a value out of range — is an
 * {@link EinError} naming the file, line and column and the key.
 *
 * @param spec the study
 * @param source the file's text
 * @param path where it was read from (null for a built-in study)
 * @param locations where each key is
 * @param outsideAllowed whether {@code file:} entries may name files outside the study's directory
 */
public record StudyFile(
    StudySpec spec, Source source, Path path, Locations locations, boolean outsideAllowed) {
  /** A study whose files must lie in its directory. */
  public StudyFile(StudySpec spec, Source source, Path path, Locations locations) {
    this(spec, source, path, locations, false);
  }

  /** This study, allowed to read structure files outside its directory. */
  public StudyFile allowingOutside() {
    return new StudyFile(spec, source, path, locations, true);
  }

  /**
   * The file {@code name} of the entry at {@code key}, resolved against the study's directory; a
   * path that leaves it is an error unless {@link #outsideAllowed()}, since a shared study file
   * should not read whatever its runner can.
   */
  public Path file(String key, String name) {
    Path dir = directory().toAbsolutePath().normalize();
    Path file = dir.resolve(name).normalize();
    if (!outsideAllowed && !file.startsWith(dir)) {
      throw error(
          key,
          file
              + " is outside the study's directory "
              + dir
              + "; move it there, or pass --allow-outside");
    }
    return file;
  }

  /** Reads and checks the study at {@code path}. */
  public static StudyFile read(Path path) {
    try {
      return parse(Source.read(path), path);
    } catch (NoSuchFileException e) {
      throw EinError.of(path.toString(), "no such study file");
    } catch (IOException e) {
      throw EinError.of(path.toString(), "cannot be read: " + e.getMessage());
    }
  }

  /** Parses and checks a study's text; {@code path} resolves relative {@code file:} entries. */
  public static StudyFile parse(Source source, Path path) {
    JsonFactory factory = factory(source);
    ObjectMapper mapper = mapper(factory);
    Locations locations = Locations.of(source, factory);
    StudySpec spec;
    try {
      spec =
          factory instanceof YAMLFactory && Aliases.used(source)
              ? fromTree(mapper, Aliases.load(source), StudySpec.class, locations)
              : mapper.readValue(source.text(), StudySpec.class);
    } catch (JsonProcessingException e) {
      throw translate(e, locations);
    }
    if (spec == null) {
      throw EinError.at(
          source,
          new Span(source.name(), 1, 1, 1),
          "the study file is empty; " + "expected keys name, task, structures and widths");
    }
    StudyFile file = new StudyFile(spec, source, path, locations);
    StudyChecks.check(file);
    return file;
  }

  /** An error at the key {@code path} of this file. */
  public EinError error(String path, String message) {
    return EinError.at(source, locations.of(path), message);
  }

  /** The directory relative file names are resolved against. */
  public Path directory() {
    Path parent = path == null ? null : path.toAbsolutePath().getParent();
    return parent == null ? Path.of(".") : parent;
  }

  /** {@code tree} (a loaded YAML document) as a {@code type}, errors at their keys. */
  static <T> T fromTree(ObjectMapper mapper, Object tree, Class<T> type, Locations locations) {
    try {
      return mapper.convertValue(tree, type);
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof JsonProcessingException j) {
        throw translate(j, locations);
      }
      throw e;
    }
  }

  /** YAML, or JSON for a {@code .json} file. */
  static JsonFactory factory(Source source) {
    return source.name().endsWith(".json") ? new JsonFactory() : new YAMLFactory();
  }

  /** The strict snake_case mapper of study and run files. */
  static ObjectMapper mapper(JsonFactory factory) {
    return new ObjectMapper(factory)
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        // a width of 16.5 is a mistake to report, not a 16 to train
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
  }

  static EinError translate(JsonProcessingException e, Locations locations) {
    Source source = locations.source();
    String path = e instanceof JsonMappingException m ? path(m) : "";
    path = path.isEmpty() ? path : locations.prefix() + path;
    Span span =
        e.getLocation() != null && e.getLocation().getLineNr() > 0
            ? span(source, e.getLocation())
            : locations.of(path);
    if (e instanceof UnrecognizedPropertyException u) {
      List<String> known = new ArrayList<>();
      u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
      known.sort(null);
      String where = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
      Span at = locations.of(path);
      return EinError.at(
          source,
          at.line() > 1 || at.column() > 1 ? at : span,
          "unknown key '"
              + u.getPropertyName()
              + "'"
              + (where.isEmpty() ? "" : " in " + where)
              + ";"
              + Suggestions.didYouMean(u.getPropertyName(), known)
              + " known: "
              + String.join(", ", known),
          known);
    }
    if (e instanceof InvalidFormatException f) {
      return EinError.at(
          source,
          locations.of(path),
          "bad value for '"
              + path
              + "': expected "
              + describe(f.getTargetType())
              + ", got '"
              + f.getValue()
              + "'");
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return EinError.at(
          source,
          locations.of(path),
          "bad value for '"
              + (path.isEmpty() ? "the study" : path)
              + "': expected "
              + describe(m.getTargetType()));
    }
    String message = e.getOriginalMessage().lines().findFirst().orElse("malformed file");
    return EinError.at(source, span, "malformed study file: " + message);
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining())
        .replaceFirst("^\\.", "");
  }

  private static Span span(Source source, JsonLocation location) {
    return new Span(source.name(), location.getLineNr(), Math.max(1, location.getColumnNr()), 1);
  }

  private static String describe(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a mapping of keys to values";
  }
}
