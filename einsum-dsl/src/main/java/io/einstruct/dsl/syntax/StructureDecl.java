package io.einstruct.dsl.syntax;

import io.einstruct.dsl.Source;
import io.einstruct.dsl.Span;
import java.util.List;

/**
 * One {@code structure NAME(params) { ... }} block: a template that parameter values turn into a
 * {@link io.einstruct.dsl.model.Structure}.
 *
 * @param name the structure's name
 * @param params its parameters in order
 * @param body its statements in order
 * @param doc the comment block written just above it, lines joined with spaces ("" if none)
 * @param source the source it was parsed from, for diagnostics
 * @param span the {@code structure} keyword through the name
 */
public record StructureDecl(
    Name name, List<Param> params, List<Stmt> body, String doc, Source source, Span span) {
  public StructureDecl {
    params = List.copyOf(params);
    body = List.copyOf(body);
  }
}
