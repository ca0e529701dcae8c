/**
 * Structure search: a study file names a task, structures (built-ins with parameter grids, user
 * {@code .ein} files, points and regions of the θ space) and widths; einstruct expands it into
 * trials ({@link io.einstruct.search.study}), keeps them in a JDBC store that many machines can
 * share ({@link io.einstruct.search.store}), runs them with workers ({@link
 * io.einstruct.search.worker}), and fits scaling laws to the results ({@link
 * io.einstruct.search.fit}).
 */
package io.einstruct.search;
