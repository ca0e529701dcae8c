-- The trial store: studies, their trials, and one row per evaluation of a trial.
CREATE TABLE studies (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  spec TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  updated_ms BIGINT NOT NULL
);

CREATE TABLE trials (
  id BIGSERIAL PRIMARY KEY,
  study_id BIGINT NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  trial_key TEXT NOT NULL,
  label TEXT NOT NULL,
  grp TEXT NOT NULL,
  width INTEGER NOT NULL,
  lr DOUBLE PRECISION NOT NULL,
  seed BIGINT NOT NULL,
  config TEXT NOT NULL,
  params BIGINT NOT NULL,
  macs BIGINT NOT NULL,
  flops_estimate DOUBLE PRECISION NOT NULL,
  status TEXT NOT NULL,
  worker TEXT,
  heartbeat_ms BIGINT,
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  started_ms BIGINT,
  finished_ms BIGINT,
  final_step BIGINT,
  final_train_loss DOUBLE PRECISION,
  final_test_loss DOUBLE PRECISION,
  final_test_error DOUBLE PRECISION,
  final_flops DOUBLE PRECISION,
  wall_seconds DOUBLE PRECISION,
  UNIQUE (study_id, trial_key)
);

CREATE INDEX trials_claim ON trials (study_id, status, number);

CREATE TABLE metrics (
  trial_id BIGINT NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
  step BIGINT NOT NULL,
  epoch DOUBLE PRECISION NOT NULL,
  samples BIGINT NOT NULL,
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
