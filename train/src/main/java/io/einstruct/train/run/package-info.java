/**
 * Running training: the {@link TrainConfig} a run is made from, the {@link Trainer} loop with its
 * evaluations, {@code metrics.jsonl}, {@code summary.json} and checkpoints (all written
 * atomically), resumption, FLOP accounting, and the μP coordinate check.
 */
package io.einstruct.train.run;
