-- Where and how each trial ran, so that wall-clock comparisons can tell which trials ran alike.
ALTER TABLE trials ADD COLUMN run_host TEXT;
ALTER TABLE trials ADD COLUMN run_cores INTEGER;
ALTER TABLE trials ADD COLUMN run_threads INTEGER;
ALTER TABLE trials ADD COLUMN run_workers INTEGER;
