CREATE TABLE "sale_boxes" (
	"sale_id" uuid NOT NULL,
	"box_no" integer NOT NULL,
	"external_location_id" uuid,
	"weight_grams" integer,
	CONSTRAINT "sale_boxes_sale_id_box_no_pk" PRIMARY KEY("sale_id","box_no")
);
--> statement-breakpoint
CREATE TABLE "sale_lines" (
	"sale_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"product_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"price" bigint NOT NULL,
	"location_id" uuid,
	CONSTRAINT "sale_lines_sale_id_line_no_pk" PRIMARY KEY("sale_id","line_no"),
	CONSTRAINT "sale_lines_quantity_positive" CHECK ("sale_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "sale_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sale_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"message" text NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sale_pack_lines" (
	"sale_id" uuid NOT NULL,
	"box_no" integer NOT NULL,
	"pick_line_no" integer NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "sale_pack_lines_sale_id_box_no_pick_line_no_pk" PRIMARY KEY("sale_id","box_no","pick_line_no"),
	CONSTRAINT "sale_pack_lines_quantity_positive" CHECK ("sale_pack_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "sale_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sale_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"method" text,
	"reference" text,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sale_pick_lines" (
	"sale_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"sale_line_no" integer NOT NULL,
	"product_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"bin_id" uuid,
	"quantity" integer NOT NULL,
	CONSTRAINT "sale_pick_lines_sale_id_line_no_pk" PRIMARY KEY("sale_id","line_no"),
	CONSTRAINT "sale_pick_lines_quantity_positive" CHECK ("sale_pick_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "sale_ship_lines" (
	"sale_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"pick_line_no" integer NOT NULL,
	"product_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"box_no" integer,
	"quantity" integer NOT NULL,
	CONSTRAINT "sale_ship_lines_sale_id_line_no_pk" PRIMARY KEY("sale_id","line_no"),
	CONSTRAINT "sale_ship_lines_quantity_positive" CHECK ("sale_ship_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "sale_shipments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sale_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"shipping_option" text NOT NULL,
	"skip_fulfilment" boolean DEFAULT false NOT NULL,
	"user_id" uuid,
	"authorised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sales" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"price_tier" smallint NOT NULL,
	"order_status" text DEFAULT 'Draft' NOT NULL,
	"pick_status" text DEFAULT 'Not Started' NOT NULL,
	"pack_status" text DEFAULT 'Not Started' NOT NULL,
	"ship_status" text DEFAULT 'Not Started' NOT NULL,
	"invoice_status" text DEFAULT 'Not Started' NOT NULL,
	"ship_to_name" text NOT NULL,
	"ship_to_line1" text NOT NULL,
	"ship_to_line2" text,
	"ship_to_city" text NOT NULL,
	"ship_to_state" text,
	"ship_to_postal_code" text NOT NULL,
	"ship_to_country" text NOT NULL,
	"ship_to_phone" text,
	"customer_reference" text,
	"comment" text,
	"shipping_option" text DEFAULT 'Standard' NOT NULL,
	"carrier" text,
	"tracking_number" text,
	"skip_fulfilment" boolean DEFAULT false NOT NULL,
	"invoice_number" text,
	"invoice_total" bigint,
	"invoice_due_at" timestamp with time zone,
	"paid_total" bigint DEFAULT 0 NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"authorised_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sales_number_unique" UNIQUE("number"),
	CONSTRAINT "sales_paid_nonnegative" CHECK ("sales"."paid_total" >= 0)
);
--> statement-breakpoint
CREATE TABLE "fulfilment_order_items" (
	"order_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"product_id" uuid NOT NULL,
	"seller_sku" text NOT NULL,
	"quantity" integer NOT NULL,
	"shipped_quantity" integer DEFAULT 0 NOT NULL,
	"cancelled_quantity" integer DEFAULT 0 NOT NULL,
	"unfulfillable_quantity" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "fulfilment_order_items_order_id_line_no_pk" PRIMARY KEY("order_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "fulfilment_order_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"message" text NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fulfilment_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"sale_id" uuid NOT NULL,
	"shipment_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"status" text DEFAULT 'Queued' NOT NULL,
	"amazon_status" text,
	"displayable_order_id" text NOT NULL,
	"comment" text,
	"shipping_speed" text NOT NULL,
	"ship_to_name" text NOT NULL,
	"ship_to_line1" text NOT NULL,
	"ship_to_line2" text,
	"ship_to_city" text NOT NULL,
	"ship_to_state" text,
	"ship_to_postal_code" text NOT NULL,
	"ship_to_country" text NOT NULL,
	"ship_to_phone" text,
	"version" integer DEFAULT 1 NOT NULL,
	"last_error" text,
	"estimated_arrival_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"on_hold_at" timestamp with time zone,
	"shipped_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"last_tracked_at" timestamp with time zone,
	"user_id" uuid,
	CONSTRAINT "fulfilment_orders_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "fulfilment_package_items" (
	"order_id" uuid NOT NULL,
	"package_number" integer NOT NULL,
	"line_no" integer NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "fulfilment_package_items_order_id_package_number_line_no_pk" PRIMARY KEY("order_id","package_number","line_no")
);
--> statement-breakpoint
CREATE TABLE "fulfilment_packages" (
	"order_id" uuid NOT NULL,
	"package_number" integer NOT NULL,
	"carrier_code" text,
	"tracking_number" text,
	"shipped_at" timestamp with time zone,
	"estimated_arrival_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"tracking_status" text,
	CONSTRAINT "fulfilment_packages_order_id_package_number_pk" PRIMARY KEY("order_id","package_number")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone,
	"claimed_by" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "company_settings" ADD COLUMN "auto_pick" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "company_settings" ADD COLUMN "auto_pack" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "company_settings" ADD COLUMN "auto_ship" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "fba_connections" ADD COLUMN "last_tracking_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sale_boxes" ADD CONSTRAINT "sale_boxes_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_boxes" ADD CONSTRAINT "sale_boxes_external_location_id_locations_id_fk" FOREIGN KEY ("external_location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_lines" ADD CONSTRAINT "sale_lines_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_lines" ADD CONSTRAINT "sale_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_lines" ADD CONSTRAINT "sale_lines_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_log" ADD CONSTRAINT "sale_log_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_log" ADD CONSTRAINT "sale_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_pack_lines" ADD CONSTRAINT "sale_pack_lines_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_payments" ADD CONSTRAINT "sale_payments_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_payments" ADD CONSTRAINT "sale_payments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_pick_lines" ADD CONSTRAINT "sale_pick_lines_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_pick_lines" ADD CONSTRAINT "sale_pick_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_pick_lines" ADD CONSTRAINT "sale_pick_lines_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_pick_lines" ADD CONSTRAINT "sale_pick_lines_bin_id_bins_id_fk" FOREIGN KEY ("bin_id") REFERENCES "public"."bins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_ship_lines" ADD CONSTRAINT "sale_ship_lines_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_ship_lines" ADD CONSTRAINT "sale_ship_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_ship_lines" ADD CONSTRAINT "sale_ship_lines_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_shipments" ADD CONSTRAINT "sale_shipments_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_shipments" ADD CONSTRAINT "sale_shipments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_price_tier_price_tiers_tier_fk" FOREIGN KEY ("price_tier") REFERENCES "public"."price_tiers"("tier") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfilment_order_items" ADD CONSTRAINT "fulfilment_order_items_order_id_fulfilment_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."fulfilment_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfilment_order_items" ADD CONSTRAINT "fulfilment_order_items_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfilment_order_log" ADD CONSTRAINT "fulfilment_order_log_order_id_fulfilment_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."fulfilment_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfilment_order_log" ADD CONSTRAINT "fulfilment_order_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfilment_orders" ADD CONSTRAINT "fulfilment_orders_sale_id_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfilment_orders" ADD CONSTRAINT "fulfilment_orders_shipment_id_sale_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."sale_shipments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfilment_orders" ADD CONSTRAINT "fulfilment_orders_connection_id_fba_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."fba_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfilment_orders" ADD CONSTRAINT "fulfilment_orders_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfilment_orders" ADD CONSTRAINT "fulfilment_orders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfilment_package_items" ADD CONSTRAINT "fulfilment_package_items_order_id_fulfilment_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."fulfilment_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfilment_packages" ADD CONSTRAINT "fulfilment_packages_order_id_fulfilment_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."fulfilment_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sale_lines_product_idx" ON "sale_lines" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "sale_log_sale_idx" ON "sale_log" USING btree ("sale_id","id");--> statement-breakpoint
CREATE INDEX "sale_payments_sale_idx" ON "sale_payments" USING btree ("sale_id","paid_at");--> statement-breakpoint
CREATE INDEX "sale_pick_lines_location_idx" ON "sale_pick_lines" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "sale_shipments_sale_idx" ON "sale_shipments" USING btree ("sale_id","seq");--> statement-breakpoint
CREATE INDEX "sales_created_idx" ON "sales" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "sales_order_status_idx" ON "sales" USING btree ("order_status","created_at","id");--> statement-breakpoint
CREATE INDEX "sales_pick_status_idx" ON "sales" USING btree ("pick_status","created_at","id");--> statement-breakpoint
CREATE INDEX "sales_pack_status_idx" ON "sales" USING btree ("pack_status","created_at","id");--> statement-breakpoint
CREATE INDEX "sales_ship_status_idx" ON "sales" USING btree ("ship_status","created_at","id");--> statement-breakpoint
CREATE INDEX "sales_invoice_status_idx" ON "sales" USING btree ("invoice_status","created_at","id");--> statement-breakpoint
CREATE INDEX "sales_customer_idx" ON "sales" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "sales_number_prefix_idx" ON "sales" USING btree (lower("number") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "fulfilment_order_items_sku_idx" ON "fulfilment_order_items" USING btree ("seller_sku");--> statement-breakpoint
CREATE INDEX "fulfilment_order_log_order_idx" ON "fulfilment_order_log" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "fulfilment_orders_created_idx" ON "fulfilment_orders" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "fulfilment_orders_status_idx" ON "fulfilment_orders" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "fulfilment_orders_connection_idx" ON "fulfilment_orders" USING btree ("connection_id","status","created_at");--> statement-breakpoint
CREATE INDEX "fulfilment_orders_sale_idx" ON "fulfilment_orders" USING btree ("sale_id");--> statement-breakpoint
CREATE INDEX "fulfilment_orders_number_prefix_idx" ON "fulfilment_orders" USING btree (lower("number") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "fulfilment_packages_tracking_idx" ON "fulfilment_packages" USING btree ("tracking_number");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at","id") WHERE "outbox"."status" IN ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "outbox_subject_idx" ON "outbox" USING btree ("subject_id","id");