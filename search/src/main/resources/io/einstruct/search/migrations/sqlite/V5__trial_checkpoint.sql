-- The last checkpoint of each unfinished trial, written with its evaluation in one transaction, so
-- that a worker on another machine can resume a trial whose worker was interrupted or died.
ALTER TABLE trials ADD COLUMN checkpoint BLOB;
ALTER TABLE trials ADD COLUMN checkpoint_step BIGINT;
