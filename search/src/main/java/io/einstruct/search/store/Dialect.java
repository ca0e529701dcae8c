package io.einstruct.search.store;

/** The databases the store runs on, and where their SQL differs. */
public enum Dialect {
  /** One file, many processes: WAL journal, writers serialised by {@code BEGIN IMMEDIATE}. */
  SQLITE("sqlite", "", ""),
  /** A server shared by many machines: claims lock rows with {@code SKIP LOCKED}. */
  POSTGRESQL("postgresql", " FOR UPDATE SKIP LOCKED", " FOR UPDATE");

  private final String folder;
  private final String lockClause;
  private final String rowLock;

  Dialect(String folder, String lockClause, String rowLock) {
    this.folder = folder;
    this.lockClause = lockClause;
    this.rowLock = rowLock;
  }

  /** What a SELECT ends with to hold its row until the transaction ends, waiting for it. */
  String rowLock() {
    return rowLock;
  }

  /** The resource folder of this dialect's migrations. */
  String folder() {
    return folder;
  }

  /** What a claim's SELECT ends with to lock the chosen row. */
  String lockClause() {
    return lockClause;
  }
}
