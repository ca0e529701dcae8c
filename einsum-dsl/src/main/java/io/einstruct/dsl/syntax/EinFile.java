package io.einstruct.dsl.syntax;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Plural;
import io.einstruct.dsl.Source;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A parsed {@code .ein} source: its structures in written order.
 *
 * @param source the source
 * @param structures the structures it declares
 */
public record EinFile(Source source, List<StructureDecl> structures) {
  public EinFile {
    structures = List.copyOf(structures);
  }

  /**
   * The structure named {@code name}, or the only one when {@code name} is null; an {@link
   * EinError} naming the choices otherwise.
   */
  public StructureDecl structure(String name) {
    if (name == null) {
      if (structures.size() == 1) {
        return structures.get(0);
      }
      throw EinError.at(
          source,
          source.span(1, 1, 0),
          "this file declares "
              + Plural.of(structures.size(), "structure")
              + " ("
              + names()
              + "); choose one with --structure",
          List.of(names()));
    }
    for (StructureDecl decl : structures) {
      if (decl.name().text().equals(name)) {
        return decl;
      }
    }
    throw EinError.at(
        source,
        source.span(1, 1, 0),
        "no structure named '" + name + "' in this file; choose one of " + names(),
        List.of(names()));
  }

  private String names() {
    return structures.stream()
        .map(d -> "'" + d.name().text() + "'")
        .collect(Collectors.joining(", "));
  }
}
