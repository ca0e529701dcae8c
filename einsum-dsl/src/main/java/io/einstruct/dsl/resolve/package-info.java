/**
 * Binding: a {@link io.einstruct.dsl.syntax.StructureDecl} plus parameter {@link Args} gives an
 * immutable {@link io.einstruct.dsl.model.Structure}. Expressions are evaluated to {@link Value}s,
 * {@link Splits} factorises sizes, and every rule of the language is checked here with a position.
 */
package io.einstruct.dsl.resolve;
