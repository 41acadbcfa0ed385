CREATE TABLE "stocktake_line_counts" (
	"stocktake_id" uuid PRIMARY KEY NOT NULL,
	"lines" integer DEFAULT 0 NOT NULL,
	"counted" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stocktake_line_counts" ADD CONSTRAINT "stocktake_line_counts_stocktake_id_stocktakes_id_fk" FOREIGN KEY ("stocktake_id") REFERENCES "public"."stocktakes"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Every stocktake's counts as they are now.
INSERT INTO "stocktake_line_counts" ("stocktake_id", "lines", "counted")
SELECT s.id, count(l.id)::int, count(l.counted)::int FROM "stocktakes" s LEFT JOIN "stocktake_lines" l ON l.stocktake_id = s.id GROUP BY s.id;
--> statement-breakpoint
-- Kept by statement triggers over the rows each statement changed (transition tables): one write
-- of the counts per statement, however many lines it wrote, and none when no line was added,
-- removed, counted or uncounted.
CREATE OR REPLACE FUNCTION stocktake_line_counts_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stocktake_line_counts AS c (stocktake_id, lines, counted)
  SELECT stocktake_id, count(*)::int, count(counted)::int FROM new_lines GROUP BY stocktake_id
  ON CONFLICT (stocktake_id) DO UPDATE SET lines = c.lines + excluded.lines, counted = c.counted + excluded.counted;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stocktake_line_counts_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE stocktake_line_counts c SET lines = c.lines - d.lines, counted = c.counted - d.counted
  FROM (SELECT stocktake_id, count(*)::int AS lines, count(counted)::int AS counted FROM old_lines GROUP BY stocktake_id) d
  WHERE c.stocktake_id = d.stocktake_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stocktake_line_counts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE stocktake_line_counts c SET counted = c.counted + d.delta
  FROM (
    SELECT stocktake_id, sum(n)::int AS delta
    FROM (SELECT stocktake_id, count(counted) AS n FROM new_lines GROUP BY stocktake_id
          UNION ALL SELECT stocktake_id, -count(counted) FROM old_lines GROUP BY stocktake_id) x
    GROUP BY stocktake_id HAVING sum(n) <> 0
  ) d
  WHERE c.stocktake_id = d.stocktake_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER line_counts_insert AFTER INSERT ON stocktake_lines REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION stocktake_line_counts_added();
--> statement-breakpoint
CREATE TRIGGER line_counts_delete AFTER DELETE ON stocktake_lines REFERENCING OLD TABLE AS old_lines FOR EACH STATEMENT EXECUTE FUNCTION stocktake_line_counts_removed();
--> statement-breakpoint
CREATE TRIGGER line_counts_update AFTER UPDATE ON stocktake_lines REFERENCING NEW TABLE AS new_lines OLD TABLE AS old_lines FOR EACH STATEMENT EXECUTE FUNCTION stocktake_line_counts_changed();
