package io.einstruct.search.store;

/**
 * The store could not do what was asked: the database is unreachable, a login failed, a statement
 * failed. The message says which operation and why, never a password.
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
