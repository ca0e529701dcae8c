package io.einstruct.dsl.syntax;

import java.util.Optional;

/**
 * A parameter of a structure, with an optional default expression over earlier parameters.
 *
 * @param name the parameter
 * @param defaultValue its default, if any
 */
public record Param(Name name, Optional<Expr> defaultValue) {}
