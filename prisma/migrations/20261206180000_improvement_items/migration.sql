-- After-action report improvement plan (HSEEP AAR/IP), kept by the incident's organisation.
CREATE TABLE "improvement_item" (
    "id" TEXT NOT NULL,
    "incident_id" TEXT NOT NULL,
    "finding_key" TEXT,
    "issue" TEXT NOT NULL,
    "corrective_action" TEXT NOT NULL,
    "responsible_org_id" TEXT NOT NULL,
    "point_of_contact" TEXT,
    "start_date" DATE NOT NULL,
    "completion_date" DATE,
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "improvement_item_pkey" PRIMARY KEY ("id"),
    -- A plan's dates run forwards (the form says so first; this guards every other writer).
    CONSTRAINT "improvement_item_dates_order" CHECK ("completion_date" IS NULL OR "completion_date" >= "start_date")
);

CREATE INDEX "improvement_item_incident_id_start_date_idx" ON "improvement_item"("incident_id", "start_date");
CREATE INDEX "improvement_item_responsible_org_id_idx" ON "improvement_item"("responsible_org_id");

ALTER TABLE "improvement_item" ADD CONSTRAINT "improvement_item_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "improvement_item" ADD CONSTRAINT "improvement_item_responsible_org_id_fkey" FOREIGN KEY ("responsible_org_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
