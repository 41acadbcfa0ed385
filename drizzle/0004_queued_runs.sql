DROP INDEX "fba_sync_runs_one_active";--> statement-breakpoint
ALTER TABLE "fba_sync_runs" ADD COLUMN "kind" text DEFAULT 'catalog' NOT NULL;--> statement-breakpoint
ALTER TABLE "fba_sync_runs" ADD COLUMN "stocktake_id" uuid;--> statement-breakpoint
ALTER TABLE "fba_sync_runs" ADD COLUMN "summary" text;--> statement-breakpoint
ALTER TABLE "fba_sync_runs" ADD CONSTRAINT "fba_sync_runs_stocktake_id_stocktakes_id_fk" FOREIGN KEY ("stocktake_id") REFERENCES "public"."stocktakes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fba_sync_runs_stocktake_idx" ON "fba_sync_runs" USING btree ("stocktake_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "fba_sync_runs_one_active_stocktake" ON "fba_sync_runs" USING btree ("stocktake_id") WHERE "fba_sync_runs"."status" IN ('queued', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "fba_sync_runs_one_active" ON "fba_sync_runs" USING btree ("connection_id") WHERE "fba_sync_runs"."status" IN ('queued', 'running') AND "fba_sync_runs"."kind" = 'catalog';--> statement-breakpoint
ALTER TABLE "fba_sync_runs" ADD CONSTRAINT "fba_sync_runs_stocktake_kind" CHECK (("fba_sync_runs"."kind" = 'stocktake') = ("fba_sync_runs"."stocktake_id" IS NOT NULL));