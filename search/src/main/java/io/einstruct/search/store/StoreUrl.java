package io.einstruct.search.store;

import io.einstruct.dsl.EinError;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where a store is and how to log in. Passwords come from the environment ({@code
 * EINSTRUCT_DB_PASSWORD}, or {@code PGPASSWORD}) or a properties file ({@code user=}, {@code
 * password=}), and never appear in {@link #shown()}.
 *
 * @param dialect the database
 * @param jdbcUrl the JDBC URL
 * @param user the user, or null
 * @param password the password, or null
 * @param shown the URL as it may be printed: any password in it is replaced by ***
 */
public record StoreUrl(
    Dialect dialect, String jdbcUrl, String user, String password, String shown) {

  /**
   * Parses {@code sqlite:PATH}, {@code jdbc:sqlite:PATH} or {@code jdbc:postgresql://HOST/DB}.
   *
   * @param text what the user gave
   * @param credentials a properties file with {@code user} and {@code password}, or null
   * @param env the environment
   */
  public static StoreUrl parse(String text, Path credentials, Map<String, String> env) {
    String t = text.strip();
    if (t.startsWith("sqlite:") || t.startsWith("jdbc:sqlite:")) {
      String file = t.substring(t.indexOf("sqlite:") + "sqlite:".length());
      if (file.isBlank()) {
        throw EinError.setting("store", "sqlite: needs a file, as in sqlite:runs/study.db");
      }
      String query = file.contains("?") ? file.substring(file.indexOf('?')) : "";
      String path = file.contains("?") ? file.substring(0, file.indexOf('?')) : file;
      if (path.isBlank()) {
        throw EinError.setting(
            "store", "sqlite: needs a file before any '?', as in sqlite:runs/study.db");
      }
      String pragmas =
          "journal_mode=WAL&busy_timeout=60000&transaction_mode=IMMEDIATE" + "&foreign_keys=true";
      String url =
          "jdbc:sqlite:" + path + (query.isEmpty() ? "?" + pragmas : query + "&" + pragmas);
      return new StoreUrl(Dialect.SQLITE, url, null, null, "sqlite:" + path);
    }
    if (t.startsWith("jdbc:postgresql:") || t.startsWith("postgresql:")) {
      String url = t.startsWith("jdbc:") ? t : "jdbc:" + t;
      String user = env.getOrDefault("EINSTRUCT_DB_USER", env.get("PGUSER"));
      String password = env.getOrDefault("EINSTRUCT_DB_PASSWORD", env.get("PGPASSWORD"));
      if (credentials != null) {
        Properties p = read(credentials);
        user = p.getProperty("user", user);
        password = p.getProperty("password", password);
      }
      return new StoreUrl(Dialect.POSTGRESQL, url, user, password, redact(url));
    }
    throw EinError.setting(
        "store",
        "expected sqlite:PATH or jdbc:postgresql://HOST[:PORT]/DB, got '" + redact(t) + "'");
  }

  private static Properties read(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    } catch (IOException e) {
      throw EinError.of(file.toString(), "cannot read the credentials file: " + e.getMessage());
    }
    return p;
  }

  /** The URL with any {@code password=} value replaced. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***")
        // user:password@host, in any scheme's authority
        .replaceAll("(//[^/@:\\s]*:)[^/@\\s]*@", "$1***@");
  }

  @Override
  public String toString() {
    return shown;
  }
}
