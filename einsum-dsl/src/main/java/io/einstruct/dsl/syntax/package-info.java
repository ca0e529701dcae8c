/**
 * The surface language: {@link Source} text, the {@link Lexer}, the {@link Parser}, and the
 * abstract syntax tree (sealed interfaces plus records, every node carrying a {@link Span}).
 *
 * <p>Nothing here knows what a name means; that is the resolver's job.
 */
package io.einstruct.dsl.syntax;

import io.einstruct.dsl.Source;
import io.einstruct.dsl.Span;
