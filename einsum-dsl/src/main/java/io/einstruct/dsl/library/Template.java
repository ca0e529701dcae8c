package io.einstruct.dsl.library;

import io.einstruct.dsl.Span;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.dsl.resolve.Resolver;
import io.einstruct.dsl.syntax.Param;
import io.einstruct.dsl.syntax.StructureDecl;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A named structure declaration ready to be bound: a built-in or one read from a user's file.
 *
 * @param decl the declaration, which carries its source text
 * @param builtIn true for the library's own structures
 */
public record Template(StructureDecl decl, boolean builtIn) {
  /** The structure's name. */
  public String name() {
    return decl.name().text();
  }

  /** The comment written above the declaration. */
  public String doc() {
    return decl.doc();
  }

  /** The parameter names in order. */
  public List<String> parameters() {
    return decl.params().stream().map(p -> p.name().text()).toList();
  }

  /** The parameter list as written, e.g. {@code d_in, d_out, rank = 1}. */
  public String signature() {
    return decl.params().stream().map(this::show).collect(Collectors.joining(", "));
  }

  /** Binds the template; throws {@link io.einstruct.dsl.EinError} on bad arguments. */
  public Structure bind(Args args) {
    return Resolver.resolve(decl, args);
  }

  private String show(Param p) {
    String name = p.name().text();
    return p.defaultValue().map(e -> name + " = " + written(e.span())).orElse(name);
  }

  private String written(Span span) {
    String line = decl.source().line(span.line());
    if (line == null) {
      return "?";
    }
    int from = Math.min(line.length(), span.column() - 1);
    return line.substring(from, Math.min(line.length(), from + span.length()));
  }
}
