-- The trial store: studies, their trials, and one row per evaluation of a trial.
CREATE TABLE studies (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  spec TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL
);

CREATE TABLE trials (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  trial_key TEXT NOT NULL,
  label TEXT NOT NULL,
  grp TEXT NOT NULL,
  width INTEGER NOT NULL,
  lr DOUBLE PRECISION NOT NULL,
  seed INTEGER NOT NULL,
  config TEXT NOT NULL,
  params INTEGER NOT NULL,
  macs INTEGER NOT NULL,
  flops_estimate DOUBLE PRECISION NOT NULL,
  status TEXT NOT NULL,
  worker TEXT,
  heartbeat_ms INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  started_ms INTEGER,
  finished_ms INTEGER,
  final_step INTEGER,
  final_train_loss DOUBLE PRECISION,
  final_test_loss DOUBLE PRECISION,
  final_test_error DOUBLE PRECISION,
  final_flops DOUBLE PRECISION,
  wall_seconds DOUBLE PRECISION,
  UNIQUE (study_id, trial_key)
);

CREATE INDEX trials_claim ON trials (study_id, status, number);

CREATE TABLE metrics (
  trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  epoch DOUBLE PRECISION NOT NULL,
  samples INTEGER NOT NULL,
  train_loss DOUBLE PRECISION NOT NULL,
  train_error DOUBLE PRECISION,
  test_loss DOUBLE PRECISION NOT NULL,
  test_error DOUBLE PRECISION,
  flops DOUBLE PRECISION NOT NULL,
  wall_seconds DOUBLE PRECISION NOT NULL,
  lr DOUBLE PRECISION NOT NULL,
  aux_loss DOUBLE PRECISION,
  PRIMARY KEY (trial_id, step)
);
