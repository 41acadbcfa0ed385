DROP INDEX "products_barcode_idx";--> statement-breakpoint
DROP INDEX "products_fnsku_idx";--> statement-breakpoint
CREATE INDEX "products_sku_idx" ON "products" USING btree ("sku","id");--> statement-breakpoint
CREATE INDEX "products_sku_prefix_idx" ON "products" USING btree (lower("sku") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "products_asin_idx" ON "products" USING btree ("asin" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "products_barcode_idx" ON "products" USING btree ("barcode" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "products_fnsku_idx" ON "products" USING btree ("fnsku" text_pattern_ops);