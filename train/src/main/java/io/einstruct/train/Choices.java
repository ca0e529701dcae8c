package io.einstruct.train;

import io.einstruct.dsl.EinError;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Parsing of the named choices of a run (model kind, optimiser, schedule, ...): every one is read
 * in any case, and a value that is none of them is an error about its setting listing them all.
 */
public final class Choices {
  /** A choice with its name in options and files. */
  public interface Keyed {
    /** Its name in options and files, lower case. */
    String key();
  }

  private Choices() {}

  /** The constant of {@code type} whose key is {@code text} in any case. */
  public static <E extends Enum<E> & Keyed> E parse(Class<E> type, String setting, String text) {
    E[] all = type.getEnumConstants();
    if (text != null) {
      for (E e : all) {
        if (e.key().equalsIgnoreCase(text.strip())) {
          return e;
        }
      }
    }
    throw EinError.setting(
        setting,
        "expected " + expected(all) + ", got " + (text == null ? "nothing" : "'" + text + "'"));
  }

  private static String expected(Keyed[] all) {
    String keys = Arrays.stream(all).map(Keyed::key).collect(Collectors.joining(", "));
    int last = keys.lastIndexOf(", ");
    return last < 0 ? keys : keys.substring(0, last) + " or " + keys.substring(last + 2);
  }
}
