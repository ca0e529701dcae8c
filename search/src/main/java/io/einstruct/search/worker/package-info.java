/**
 * Workers: claim a trial, train it while heartbeating and recording every evaluation, finish it;
 * repeat until the study has nothing left. Any number of workers, in one process or on many
 * machines, can share a store.
 */
package io.einstruct.search.worker;
