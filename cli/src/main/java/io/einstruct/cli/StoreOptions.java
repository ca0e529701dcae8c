package io.einstruct.cli;

import io.einstruct.search.store.StoreUrl;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the trial store is and how to log in to it. */
final class StoreOptions {
  @Option(
      names = "--store",
      paramLabel = "URL",
      description =
          "sqlite:PATH (a file, the default) or jdbc:postgresql://HOST[:PORT]/DB "
              + "(shared by many machines; user and password from EINSTRUCT_DB_USER and "
              + "EINSTRUCT_DB_PASSWORD, or PGUSER and PGPASSWORD, or --store-credentials).")
  String store;

  @Option(
      names = "--store-credentials",
      paramLabel = "FILE",
      description = "A properties file with user= and password= for the store.")
  Path credentials;

  /** The store URL, or {@code fallback} when none was given. */
  StoreUrl url(String fallback) {
    String text = store != null ? store : fallback;
    if (text == null) {
      throw io.einstruct.dsl.EinError.of(
          "--store", "is required: sqlite:PATH or " + "jdbc:postgresql://HOST/DB");
    }
    return StoreUrl.parse(text, credentials, System.getenv());
  }
}
