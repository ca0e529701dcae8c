-- The head's forward MACs per example, so that fits can use compute without it ("non-embedding",
-- as compute-better-spent's GPT-2 scaling laws). Trials added before this are NULL: unknown.
ALTER TABLE trials ADD COLUMN head_macs INTEGER;
