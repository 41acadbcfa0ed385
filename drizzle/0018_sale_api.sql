DROP INDEX "sale_pick_lines_location_idx";--> statement-breakpoint
ALTER TABLE "sale_shipments" ADD COLUMN "shipped_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "sale_pick_lines_location_idx" ON "sale_pick_lines" USING btree ("location_id","sale_id");