-- Stocktake Sync no longer stages Amazon's rows (migration 0016): the compressed report is downloaded
-- before the sync's transaction and its lines are written while it is parsed, inside that transaction.
DROP TABLE IF EXISTS "stocktake_sync_rows";
