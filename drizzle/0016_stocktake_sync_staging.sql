-- Amazon's inventory report rows on their way into a stocktake (Stocktake Sync): loaded here as the
-- document downloads, outside any transaction, then matched and written in one short transaction
-- and deleted. Unlogged (nothing here must survive a crash: a sync interrupted is run again) and
-- not in the Drizzle schema (only lib/stocktake/fba-sync-write.ts reads it, in SQL).
CREATE UNLOGGED TABLE "stocktake_sync_rows" (
	"load_id" uuid NOT NULL,
	"ord" integer NOT NULL,
	"sku" text NOT NULL,
	"name" text NOT NULL,
	"fnsku" text,
	"asin" text,
	"units" bigint NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE INDEX "stocktake_sync_rows_load_idx" ON "stocktake_sync_rows" USING btree ("load_id");
