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
          "sqlite:PATH (a file; default sqlite:runs/STUDY.db, where search puts a study) or "
              + "jdbc:postgresql://HOST[:PORT]/DB (shared by many machines; user and password "
              + "from EINSTRUCT_DB_USER and EINSTRUCT_DB_PASSWORD, or PGUSER and PGPASSWORD, or "
              + "--store-credentials).")
  String store;

  @Option(
      names = "--store-credentials",
      paramLabel = "FILE",
      description = "A properties file with user= and password= for the store.")
  Path credentials;

  /** The store URL given, or the default store of {@code study}. */
  StoreUrl url(String study) {
    return StoreUrl.parse(
        store != null ? store : defaultStore(study), credentials, System.getenv());
  }

  /** Whether a store was given. */
  boolean given() {
    return store != null;
  }

  /** Where {@code einstruct search} keeps {@code study} when no store is given. */
  static String defaultStore(String study) {
    return "sqlite:" + DEFAULT_DIR + "/" + study + ".db";
  }

  /** The directory of the default stores. */
  static final String DEFAULT_DIR = "runs";
}
