CREATE TABLE "inbound_amazon_shipments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inbound_id" uuid NOT NULL,
	"shipment_id" text NOT NULL,
	"confirmation_id" text,
	"name" text,
	"warehouse_id" text,
	"destination" jsonb,
	"amazon_status" text,
	"transportation_options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"transportation_option_id" text,
	"partnered" boolean,
	"carrier" text,
	"charge" bigint,
	"currency" text,
	"delivery_window_options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"delivery_window_option_id" text,
	"delivery_window_start" timestamp with time zone,
	"delivery_window_end" timestamp with time zone,
	"tracking" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status_updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "inbound_box_items" (
	"box_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "inbound_box_items_box_id_line_no_pk" PRIMARY KEY("box_id","line_no"),
	CONSTRAINT "inbound_box_items_quantity" CHECK ("inbound_box_items"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "inbound_boxes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inbound_id" uuid NOT NULL,
	"box_no" integer NOT NULL,
	"length" numeric(8, 2) NOT NULL,
	"width" numeric(8, 2) NOT NULL,
	"height" numeric(8, 2) NOT NULL,
	"dimension_unit" text DEFAULT 'IN' NOT NULL,
	"weight" numeric(8, 2) NOT NULL,
	"weight_unit" text DEFAULT 'LB' NOT NULL,
	"amazon_box_id" text,
	"amazon_shipment_id" uuid,
	CONSTRAINT "inbound_boxes_no" UNIQUE("inbound_id","box_no")
);
--> statement-breakpoint
CREATE TABLE "inbound_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"inbound_id" uuid NOT NULL,
	"message" text NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_receipts" (
	"amazon_shipment_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"shipped" integer NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_receipts_amazon_shipment_id_line_no_pk" PRIMARY KEY("amazon_shipment_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "inbound_shipment_lines" (
	"inbound_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"product_id" uuid NOT NULL,
	"seller_sku" text NOT NULL,
	"fnsku" text,
	"quantity" integer NOT NULL,
	"label_owner" text DEFAULT 'SELLER' NOT NULL,
	"prep_owner" text DEFAULT 'NONE' NOT NULL,
	CONSTRAINT "inbound_shipment_lines_inbound_id_line_no_pk" PRIMARY KEY("inbound_id","line_no"),
	CONSTRAINT "inbound_shipment_lines_sku" UNIQUE("inbound_id","seller_sku"),
	CONSTRAINT "inbound_lines_quantity" CHECK ("inbound_shipment_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "inbound_shipments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"transfer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'Draft' NOT NULL,
	"step" text DEFAULT 'items' NOT NULL,
	"ship_from" jsonb NOT NULL,
	"inbound_plan_id" text,
	"packing_group_id" text,
	"packing_options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"packing_option_id" text,
	"placement_options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"placement_option_id" text,
	"placement_fee" bigint,
	"ready_to_ship_on" date,
	"estimated_charges" bigint,
	"currency" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"status_checked_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid
);
--> statement-breakpoint
CREATE TABLE "label_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"connection_id" uuid NOT NULL,
	"inbound_id" uuid,
	"amazon_shipment_id" uuid,
	"format" text NOT NULL,
	"request" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer,
	"file_name" text,
	"pdf" "bytea",
	"error" text,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "fba_barcode" text DEFAULT 'FNSKU' NOT NULL;--> statement-breakpoint
ALTER TABLE "stock_transfer_lines" ADD COLUMN "received" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_amazon_shipments" ADD CONSTRAINT "inbound_amazon_shipments_inbound_id_inbound_shipments_id_fk" FOREIGN KEY ("inbound_id") REFERENCES "public"."inbound_shipments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_box_items" ADD CONSTRAINT "inbound_box_items_box_id_inbound_boxes_id_fk" FOREIGN KEY ("box_id") REFERENCES "public"."inbound_boxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_boxes" ADD CONSTRAINT "inbound_boxes_inbound_id_inbound_shipments_id_fk" FOREIGN KEY ("inbound_id") REFERENCES "public"."inbound_shipments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_boxes" ADD CONSTRAINT "inbound_boxes_amazon_shipment_id_inbound_amazon_shipments_id_fk" FOREIGN KEY ("amazon_shipment_id") REFERENCES "public"."inbound_amazon_shipments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_log" ADD CONSTRAINT "inbound_log_inbound_id_inbound_shipments_id_fk" FOREIGN KEY ("inbound_id") REFERENCES "public"."inbound_shipments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_log" ADD CONSTRAINT "inbound_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_receipts" ADD CONSTRAINT "inbound_receipts_amazon_shipment_id_inbound_amazon_shipments_id_fk" FOREIGN KEY ("amazon_shipment_id") REFERENCES "public"."inbound_amazon_shipments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_shipment_lines" ADD CONSTRAINT "inbound_shipment_lines_inbound_id_inbound_shipments_id_fk" FOREIGN KEY ("inbound_id") REFERENCES "public"."inbound_shipments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_shipment_lines" ADD CONSTRAINT "inbound_shipment_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_shipments" ADD CONSTRAINT "inbound_shipments_connection_id_fba_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."fba_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_shipments" ADD CONSTRAINT "inbound_shipments_transfer_id_stock_transfers_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "public"."stock_transfers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_shipments" ADD CONSTRAINT "inbound_shipments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_shipments" ADD CONSTRAINT "inbound_shipments_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_documents" ADD CONSTRAINT "label_documents_connection_id_fba_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."fba_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_documents" ADD CONSTRAINT "label_documents_inbound_id_inbound_shipments_id_fk" FOREIGN KEY ("inbound_id") REFERENCES "public"."inbound_shipments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_documents" ADD CONSTRAINT "label_documents_amazon_shipment_id_inbound_amazon_shipments_id_fk" FOREIGN KEY ("amazon_shipment_id") REFERENCES "public"."inbound_amazon_shipments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_documents" ADD CONSTRAINT "label_documents_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_amazon_shipments_id" ON "inbound_amazon_shipments" USING btree ("shipment_id");--> statement-breakpoint
CREATE INDEX "inbound_amazon_shipments_inbound_idx" ON "inbound_amazon_shipments" USING btree ("inbound_id");--> statement-breakpoint
CREATE INDEX "inbound_log_inbound_idx" ON "inbound_log" USING btree ("inbound_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_shipments_transfer" ON "inbound_shipments" USING btree ("transfer_id");--> statement-breakpoint
CREATE INDEX "inbound_shipments_list_idx" ON "inbound_shipments" USING btree ("connection_id","created_at","id") WHERE "inbound_shipments"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "inbound_shipments_open_idx" ON "inbound_shipments" USING btree ("connection_id","status") WHERE "inbound_shipments"."deleted_at" IS NULL AND "inbound_shipments"."status" NOT IN ('Draft', 'Closed', 'Cancelled', 'Deleted', 'Error');--> statement-breakpoint
CREATE INDEX "label_documents_inbound_idx" ON "label_documents" USING btree ("inbound_id","created_at");--> statement-breakpoint
CREATE INDEX "label_documents_connection_idx" ON "label_documents" USING btree ("connection_id","created_at");--> statement-breakpoint
CREATE INDEX "label_documents_queued_idx" ON "label_documents" USING btree ("created_at") WHERE "label_documents"."status" IN ('queued', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "fba_sync_runs_one_active_inbound" ON "fba_sync_runs" USING btree ("connection_id") WHERE "fba_sync_runs"."status" IN ('queued', 'running') AND "fba_sync_runs"."kind" = 'inbound';