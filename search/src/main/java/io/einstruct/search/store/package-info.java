/**
 * The trial store: studies, trials and their metrics in a JDBC database — an SQLite file by
 * default, PostgreSQL when several machines share a study. One schema on both, created and upgraded
 * by versioned migrations; every change happens inside a transaction; a trial is claimed by one
 * worker at a time and claimed again when its worker stops heartbeating.
 */
package io.einstruct.search.store;
