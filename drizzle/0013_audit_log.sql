CREATE TABLE "amazon_calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"endpoint" text NOT NULL,
	"operation" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"status" integer NOT NULL,
	"request_id" text,
	"attempt" integer NOT NULL,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid,
	"action" text NOT NULL,
	"table_name" text NOT NULL,
	"row_id" text,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE INDEX "amazon_calls_at_idx" ON "amazon_calls" USING btree ("at");--> statement-breakpoint
CREATE INDEX "amazon_calls_operation_idx" ON "amazon_calls" USING btree ("operation","id");--> statement-breakpoint
CREATE INDEX "amazon_calls_status_idx" ON "amazon_calls" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "amazon_calls_request_idx" ON "amazon_calls" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_table_idx" ON "audit_log" USING btree ("table_name","id");--> statement-breakpoint
CREATE INDEX "audit_log_user_idx" ON "audit_log" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_row_idx" ON "audit_log" USING btree ("row_id","id");--> statement-breakpoint
-- The audit trail is written by the database: every insert, update and delete of the tables people
-- change, whichever code path made it. The user is the transaction's app.user_id (set by the server
-- action that ran it: db/audit-context.ts); the worker and the system leave it empty.
CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  o jsonb;
  n jsonb;
  rid text;
  who uuid;
BEGIN
  -- The trigger's arguments name the table's secret columns (encrypted tokens, hashes): they never
  -- enter the log.
  IF TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN o := to_jsonb(OLD) - coalesce(TG_ARGV, '{}'::text[]); END IF;
  IF TG_OP <> 'DELETE' THEN n := to_jsonb(NEW) - coalesce(TG_ARGV, '{}'::text[]); END IF;
  -- A row's id; the two tables keyed otherwise: product_prices (product, tier), price_tiers (tier).
  rid := coalesce(coalesce(n, o)->>'id', concat_ws(':', coalesce(n, o)->>'product_id', coalesce(n, o)->>'tier'));
  IF TG_OP = 'UPDATE' THEN
    -- Only the columns that changed; a change of nothing but updated_at is no change.
    SELECT jsonb_object_agg(b.key, b.value), jsonb_object_agg(b.key, a.value) INTO o, n
    FROM jsonb_each(o) b JOIN jsonb_each(n) a ON a.key = b.key
    WHERE a.value IS DISTINCT FROM b.value;
    IF n IS NULL OR n - 'updated_at' = '{}'::jsonb THEN RETURN NULL; END IF;
  END IF;
  who := nullif(current_setting('app.user_id', true), '')::uuid;
  INSERT INTO audit_log (user_id, action, table_name, row_id, before, after) VALUES (who, TG_OP, TG_TABLE_NAME, rid, o, n);
  RETURN NULL;
END
$$;--> statement-breakpoint
DO $$
DECLARE
  t text;
  secrets text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'price_tiers', 'company_settings', 'products', 'product_prices', 'customers', 'locations', 'bins', 'fba_connections', 'amazon_stores',
    'sales', 'sale_payments', 'sale_credit_notes', 'stock_adjustments', 'stocktakes', 'stock_transfers', 'inbound_shipments', 'fulfilment_orders', 'fulfilment_returns'] LOOP
    SELECT string_agg(quote_literal(column_name), ', ') INTO secrets FROM information_schema.columns WHERE table_schema = 'public' AND table_name = t AND column_name ~ '(_enc|_hash)$';
    EXECUTE format('CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION audit_row(%s)', t, coalesce(secrets, ''));
  END LOOP;
END
$$;
