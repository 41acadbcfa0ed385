CREATE TABLE "amazon_stores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"seller_id" text NOT NULL,
	"marketplace_ids" text[] NOT NULL,
	"refresh_token_enc" text NOT NULL,
	"endpoint" text DEFAULT 'sandbox' NOT NULL,
	"amazon_store_name" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fba_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"amazon_store_id" uuid,
	"seller_id" text NOT NULL,
	"marketplace_id" text NOT NULL,
	"refresh_token_enc" text NOT NULL,
	"endpoint" text DEFAULT 'sandbox' NOT NULL,
	"location_id" uuid NOT NULL,
	"status" text DEFAULT 'Active' NOT NULL,
	"price_tier" smallint DEFAULT 1 NOT NULL,
	"fo_create_status" text DEFAULT 'Shipped' NOT NULL,
	"order_processing" text DEFAULT 'Manual' NOT NULL,
	"create_missing_products" boolean DEFAULT false NOT NULL,
	"auto_sync" text DEFAULT 'Never' NOT NULL,
	"auto_sync_hour" smallint DEFAULT 0 NOT NULL,
	"label_page_type" text DEFAULT 'PackageLabel_Letter_2' NOT NULL,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"ship_from_name" text,
	"ship_from_line1" text,
	"ship_from_line2" text,
	"ship_from_city" text,
	"ship_from_state" text,
	"ship_from_postal_code" text,
	"ship_from_country" text,
	"last_inventory_sync_at" timestamp with time zone,
	"last_auto_sync_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disconnected_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fba_listings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"seller_sku" text NOT NULL,
	"fnsku" text,
	"asin" text,
	"product_name" text,
	"condition" text,
	"product_id" uuid,
	"mapped_by" text,
	"fulfillable" integer DEFAULT 0 NOT NULL,
	"inbound_working" integer DEFAULT 0 NOT NULL,
	"inbound_shipped" integer DEFAULT 0 NOT NULL,
	"inbound_receiving" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"unsellable" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"last_synced_at" timestamp with time zone,
	CONSTRAINT "fba_listings_sku" UNIQUE("connection_id","seller_sku")
);
--> statement-breakpoint
CREATE TABLE "fba_settings_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"connection_id" uuid NOT NULL,
	"user_id" uuid,
	"changes" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fba_sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"phase" text,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer,
	"report_id" text,
	"error" text,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "stocktakes" ADD COLUMN "auto_sync" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "stocktakes" ADD COLUMN "needs_attention" text;--> statement-breakpoint
ALTER TABLE "stocktakes" ADD COLUMN "synced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "amazon_stores" ADD CONSTRAINT "amazon_stores_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fba_connections" ADD CONSTRAINT "fba_connections_amazon_store_id_amazon_stores_id_fk" FOREIGN KEY ("amazon_store_id") REFERENCES "public"."amazon_stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fba_connections" ADD CONSTRAINT "fba_connections_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fba_connections" ADD CONSTRAINT "fba_connections_price_tier_price_tiers_tier_fk" FOREIGN KEY ("price_tier") REFERENCES "public"."price_tiers"("tier") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fba_connections" ADD CONSTRAINT "fba_connections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fba_listings" ADD CONSTRAINT "fba_listings_connection_id_fba_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."fba_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fba_listings" ADD CONSTRAINT "fba_listings_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fba_settings_log" ADD CONSTRAINT "fba_settings_log_connection_id_fba_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."fba_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fba_settings_log" ADD CONSTRAINT "fba_settings_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fba_sync_runs" ADD CONSTRAINT "fba_sync_runs_connection_id_fba_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."fba_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fba_sync_runs" ADD CONSTRAINT "fba_sync_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "amazon_stores_seller" ON "amazon_stores" USING btree ("seller_id","endpoint");--> statement-breakpoint
CREATE UNIQUE INDEX "fba_connections_location_active" ON "fba_connections" USING btree ("location_id") WHERE "fba_connections"."status" = 'Active';--> statement-breakpoint
CREATE UNIQUE INDEX "fba_connections_seller_active" ON "fba_connections" USING btree ("seller_id","marketplace_id","endpoint") WHERE "fba_connections"."status" = 'Active';--> statement-breakpoint
CREATE INDEX "fba_listings_product_idx" ON "fba_listings" USING btree ("connection_id","product_id");--> statement-breakpoint
CREATE INDEX "fba_listings_fnsku_idx" ON "fba_listings" USING btree ("connection_id","fnsku");--> statement-breakpoint
CREATE INDEX "fba_listings_asin_idx" ON "fba_listings" USING btree ("connection_id","asin");--> statement-breakpoint
CREATE INDEX "fba_settings_log_connection_idx" ON "fba_settings_log" USING btree ("connection_id","created_at");--> statement-breakpoint
CREATE INDEX "fba_sync_runs_connection_idx" ON "fba_sync_runs" USING btree ("connection_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "fba_sync_runs_one_active" ON "fba_sync_runs" USING btree ("connection_id") WHERE "fba_sync_runs"."status" IN ('queued', 'running');