CREATE TABLE "amazon_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"amazon_order_id" text NOT NULL,
	"marketplace_id" text NOT NULL,
	"fulfillment_channel" text NOT NULL,
	"amazon_status" text NOT NULL,
	"purchase_date" timestamp with time zone NOT NULL,
	"last_update_date" timestamp with time zone NOT NULL,
	"currency" text,
	"order_total" bigint,
	"items" jsonb NOT NULL,
	"ship_to" jsonb,
	"state" text NOT NULL,
	"held_reason" text,
	"sale_id" uuid,
	"location_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fulfilment_returns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"seller_return_item_id" text NOT NULL,
	"line_no" integer NOT NULL,
	"product_id" uuid NOT NULL,
	"amazon_shipment_id" text NOT NULL,
	"reason_code" text NOT NULL,
	"comment" text,
	"status" text DEFAULT 'Requested' NOT NULL,
	"return_authorization_id" text,
	"amazon_rma_id" text,
	"received_condition" text,
	"error" text,
	"credit_note_id" uuid,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"received_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sale_credit_note_lines" (
	"credit_note_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"product_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"disposition" text NOT NULL,
	"reason" text,
	"restocked" boolean NOT NULL,
	"external_key" text NOT NULL,
	"returned_at" timestamp with time zone,
	CONSTRAINT "sale_credit_note_lines_credit_note_id_line_no_pk" PRIMARY KEY("credit_note_id","line_no"),
	CONSTRAINT "sale_credit_note_lines_quantity_positive" CHECK ("sale_credit_note_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "sale_credit_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"sale_id" uuid NOT NULL,
	"source" text NOT NULL,
	"reference" text,
	"total" bigint DEFAULT 0 NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sale_credit_notes_number_unique" UNIQUE("number")
);
--> statement-breakpoint
ALTER TABLE "fba_sync_runs" ALTER COLUMN "connection_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "amazon_stores" ADD COLUMN "afn_location_id" uuid;--> statement-breakpoint
ALTER TABLE "amazon_stores" ADD COLUMN "mfn_location_id" uuid;--> statement-breakpoint
ALTER TABLE "amazon_stores" ADD COLUMN "customer_id" uuid;--> statement-breakpoint
ALTER TABLE "amazon_stores" ADD COLUMN "orders_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "amazon_stores" ADD COLUMN "orders_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "amazon_stores" ADD COLUMN "last_orders_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "amazon_stores" ADD COLUMN "last_returns_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "fba_sync_runs" ADD COLUMN "amazon_store_id" uuid;--> statement-breakpoint
ALTER TABLE "amazon_orders" ADD CONSTRAINT "amazon_orders_store_id_amazon_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."amazon_stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amazon_orders" ADD CONSTRAINT "amazon_orders_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amazon_orders" ADD CONSTRAINT "amazon_orders_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfilment_returns" ADD CONSTRAINT "fulfilment_returns_order_id_fulfilment_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."fulfilment_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfilment_returns" ADD CONSTRAINT "fulfilment_returns_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfilment_returns" ADD CONSTRAINT "fulfilment_returns_credit_note_id_sale_credit_notes_id_fk" FOREIGN KEY ("credit_note_id") REFERENCES "public"."sale_credit_notes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfilment_returns" ADD CONSTRAINT "fulfilment_returns_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_credit_note_lines" ADD CONSTRAINT "sale_credit_note_lines_credit_note_id_sale_credit_notes_id_fk" FOREIGN KEY ("credit_note_id") REFERENCES "public"."sale_credit_notes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_credit_note_lines" ADD CONSTRAINT "sale_credit_note_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_credit_note_lines" ADD CONSTRAINT "sale_credit_note_lines_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_credit_notes" ADD CONSTRAINT "sale_credit_notes_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_credit_notes" ADD CONSTRAINT "sale_credit_notes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "amazon_orders_store_order" ON "amazon_orders" USING btree ("store_id","amazon_order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "amazon_orders_sale" ON "amazon_orders" USING btree ("sale_id");--> statement-breakpoint
CREATE INDEX "amazon_orders_store_purchase_idx" ON "amazon_orders" USING btree ("store_id","purchase_date","id");--> statement-breakpoint
CREATE INDEX "amazon_orders_store_state_idx" ON "amazon_orders" USING btree ("store_id","state","purchase_date","id");--> statement-breakpoint
CREATE INDEX "amazon_orders_store_channel_idx" ON "amazon_orders" USING btree ("store_id","fulfillment_channel","purchase_date","id");--> statement-breakpoint
CREATE INDEX "amazon_orders_order_id_idx" ON "amazon_orders" USING btree ("amazon_order_id" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "fulfilment_returns_item" ON "fulfilment_returns" USING btree ("seller_return_item_id");--> statement-breakpoint
CREATE INDEX "fulfilment_returns_order_idx" ON "fulfilment_returns" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sale_credit_note_lines_external" ON "sale_credit_note_lines" USING btree ("external_key");--> statement-breakpoint
CREATE INDEX "sale_credit_notes_sale_idx" ON "sale_credit_notes" USING btree ("sale_id","created_at");--> statement-breakpoint
ALTER TABLE "amazon_stores" ADD CONSTRAINT "amazon_stores_afn_location_id_locations_id_fk" FOREIGN KEY ("afn_location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amazon_stores" ADD CONSTRAINT "amazon_stores_mfn_location_id_locations_id_fk" FOREIGN KEY ("mfn_location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amazon_stores" ADD CONSTRAINT "amazon_stores_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fba_sync_runs" ADD CONSTRAINT "fba_sync_runs_amazon_store_id_amazon_stores_id_fk" FOREIGN KEY ("amazon_store_id") REFERENCES "public"."amazon_stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fba_sync_runs_one_active_orders" ON "fba_sync_runs" USING btree ("amazon_store_id") WHERE "fba_sync_runs"."status" IN ('queued', 'running') AND "fba_sync_runs"."kind" = 'orders';--> statement-breakpoint
CREATE INDEX "fba_sync_runs_store_idx" ON "fba_sync_runs" USING btree ("amazon_store_id","created_at");--> statement-breakpoint
ALTER TABLE "fba_sync_runs" ADD CONSTRAINT "fba_sync_runs_target" CHECK (("fba_sync_runs"."kind" = 'orders') = ("fba_sync_runs"."amazon_store_id" IS NOT NULL) AND ("fba_sync_runs"."kind" = 'orders') = ("fba_sync_runs"."connection_id" IS NULL));