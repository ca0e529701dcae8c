/**
 * Reports a person reads. A {@link Report} is sections of captioned figures and tables; {@link
 * ReportWriter} renders it as one self-contained {@code index.html} (SVG charts inline, no
 * network), {@code report.md} with the charts beside it, {@code report.json} and one CSV per table,
 * every file written atomically. {@link StudyReport}, {@link TaxonomyReport} and {@link
 * CoordCheckReport} build the reports of a study, of the taxonomy, and of the μP check.
 */
package io.einstruct.reports;
