CREATE TABLE "sign_in_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer NOT NULL,
	"expire" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "amazon_authorisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"state_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"endpoint" text NOT NULL,
	"request" jsonb NOT NULL,
	"status" text DEFAULT 'Pending' NOT NULL,
	"message" text,
	"seller_id" text,
	"result_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "amazon_authorisations_state_hash_unique" UNIQUE("state_hash")
);
--> statement-breakpoint
ALTER TABLE "stocktakes" ADD COLUMN "completed_by" uuid;--> statement-breakpoint
ALTER TABLE "amazon_stores" ADD COLUMN "refresh_token_hash" text;--> statement-breakpoint
ALTER TABLE "fba_connections" ADD COLUMN "refresh_token_hash" text;--> statement-breakpoint
ALTER TABLE "amazon_authorisations" ADD CONSTRAINT "amazon_authorisations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "amazon_authorisations_user_idx" ON "amazon_authorisations" USING btree ("user_id","created_at");--> statement-breakpoint
ALTER TABLE "stocktakes" ADD CONSTRAINT "stocktakes_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "amazon_stores_token" ON "amazon_stores" USING btree ("refresh_token_hash","endpoint");--> statement-breakpoint
CREATE UNIQUE INDEX "fba_connections_token_active" ON "fba_connections" USING btree ("refresh_token_hash","marketplace_id","endpoint") WHERE "fba_connections"."status" = 'Active';