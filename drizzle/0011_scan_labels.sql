ALTER TABLE "label_documents" ALTER COLUMN "connection_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "label_documents" ADD COLUMN "location_id" uuid;--> statement-breakpoint
ALTER TABLE "label_documents" ADD CONSTRAINT "label_documents_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "label_documents_location_idx" ON "label_documents" USING btree ("location_id","created_at");--> statement-breakpoint
CREATE INDEX "label_documents_kind_idx" ON "label_documents" USING btree ("kind","created_at");