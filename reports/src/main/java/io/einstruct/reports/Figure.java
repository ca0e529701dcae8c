package io.einstruct.reports;

/**
 * A chart with its caption.
 *
 * @param id a file-name-safe identifier, e.g. {@code loss-vs-flops}
 * @param title the chart's title
 * @param caption what is plotted, in what units, and how any fit was made
 * @param svg the chart as an SVG element
 */
public record Figure(String id, String title, String caption, String svg) {}
