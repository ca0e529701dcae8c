/**
 * The built-in structures, written in the DSL itself as {@code .ein} resources, and the {@link
 * Library} instance that holds them and any user templates.
 */
package io.einstruct.dsl.library;
