package io.einstruct.search.study;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import io.einstruct.dsl.Span;
import io.einstruct.train.run.TrainConfig;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code einstruct train --config FILE}: a YAML (or JSON) file with the keys of a study's {@code
 * task:}, read and checked as a study's task is, every error at its line and column. The structure,
 * width and seed stay on the command line.
 */
public final class RunFile {
  private RunFile() {}

  /** The configuration {@code path} describes, before a structure, width and seed are given. */
  public static TrainConfig read(Path path) {
    Source source;
    try {
      source = Source.read(path);
    } catch (NoSuchFileException e) {
      throw EinError.of(path.toString(), "no such run file");
    } catch (IOException e) {
      throw EinError.of(path.toString(), "cannot be read: " + e.getMessage());
    }
    return parse(source, path);
  }

  /** The configuration in {@code source}. */
  public static TrainConfig parse(Source source, Path path) {
    JsonFactory factory = StudyFile.factory(source);
    Locations locations = Locations.of(source, factory, "task.");
    TaskSpec task;
    try {
      var mapper = StudyFile.mapper(factory);
      task =
          factory instanceof com.fasterxml.jackson.dataformat.yaml.YAMLFactory
                  && Aliases.used(source)
              ? StudyFile.fromTree(mapper, Aliases.load(source), TaskSpec.class, locations)
              : mapper.readValue(source.text(), TaskSpec.class);
    } catch (JsonProcessingException e) {
      throw StudyFile.translate(e, locations);
    }
    if (task == null) {
      throw EinError.at(
          source, new Span(source.name(), 1, 1, 1), "the run file is empty; expected task keys");
    }
    StudyFile file =
        new StudyFile(
            new StudySpec("run", task, null, null, null, null, null, null),
            source,
            path,
            locations);
    StudyChecks.task(file, task);
    if (task.seeds() != null && task.seeds().size() > 1) {
      throw file.error("task.seeds", "a run takes one seed; give it with --seed or seeds: [N]");
    }
    return StudyExpander.run(file);
  }
}
