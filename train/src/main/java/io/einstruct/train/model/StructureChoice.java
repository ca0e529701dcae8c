package io.einstruct.train.model;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.library.Template;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.resolve.Args;

/**
 * A structure template and its parameter values, to be bound at each layer's widths.
 *
 * @param template the structure
 * @param args parameter values other than d_in and d_out
 */
public record StructureChoice(Template template, Args args) {
  /** A dense layer. */
  public static StructureChoice dense(Library library) {
    return new StructureChoice(library.find("dense").orElseThrow(), Args.none());
  }

  /** The structure at {@code d_in → d_out}; an error names the layer. */
  public Structure bind(String layer, int dIn, int dOut) {
    try {
      return template.bind(args.with("d_in", dIn).with("d_out", dOut));
    } catch (EinError e) {
      throw EinError.of(
          "layer " + layer + " (" + template.name() + ", d_in " + dIn + " → d_out " + dOut + ")",
          e.getMessage());
    }
  }

  /** The structure's name. */
  public String name() {
    return template.name();
  }
}
