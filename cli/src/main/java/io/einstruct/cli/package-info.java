/**
 * The {@code einstruct} command line: one picocli application whose subcommands describe
 * structures, list the built-ins and tabulate the taxonomy. {@link Main} owns the instances every
 * command uses (the {@link io.einstruct.dsl.library.Library}) and maps failures to exit codes: 0
 * ok, 2 bad usage or bad DSL, 1 anything else.
 */
package io.einstruct.cli;
