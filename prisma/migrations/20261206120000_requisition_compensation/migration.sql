-- Requisition & compensation (issue 15, items 5, 6, 8): rate cards, requisition evidence, claims, receipts;
-- incidents name the unit responsible; reviews get a side and sub-scores (one per assignment and side).

-- CreateEnum
CREATE TYPE "rate_unit" AS ENUM ('HOUR', 'DAY');

-- CreateEnum
CREATE TYPE "evidence_stage" AS ENUM ('HANDOVER', 'RETURN');

-- CreateEnum
CREATE TYPE "claim_status" AS ENUM ('OPEN', 'FILED', 'PAID');

-- CreateEnum
CREATE TYPE "claim_line_kind" AS ENUM ('RENT', 'OPERATOR', 'STANDBY', 'FUEL', 'DAMAGE', 'MATERIAL', 'REPAIR', 'OTHER');

-- CreateEnum
CREATE TYPE "claim_line_status" AS ENUM ('PENDING', 'APPROVED', 'ADJUSTED', 'DISPUTED', 'DONATED');

-- CreateEnum
CREATE TYPE "review_side" AS ENUM ('REQUESTER', 'SUPPLIER');

-- DropIndex
DROP INDEX "review_assignment_id_key";

-- AlterTable
ALTER TABLE "incident" ADD COLUMN     "responsible_org_id" TEXT,
ADD COLUMN     "responsible_unit_name" TEXT;

-- AlterTable
ALTER TABLE "review" ADD COLUMN     "condition" INTEGER,
ADD COLUMN     "cooperation" INTEGER,
ADD COLUMN     "punctuality" INTEGER,
ADD COLUMN     "side" "review_side" NOT NULL DEFAULT 'REQUESTER';

-- CreateTable
CREATE TABLE "rate_card" (
    "id" TEXT NOT NULL,
    "type_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "effective_from" TIMESTAMPTZ(3) NOT NULL,
    "rent_unit" "rate_unit" NOT NULL,
    "rent_cents" INTEGER NOT NULL,
    "operator_cents_per_hour" INTEGER NOT NULL,
    "fuel_cents_per_km" INTEGER NOT NULL,
    "currency" VARCHAR(3) NOT NULL DEFAULT 'CNY',
    "note" TEXT,
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rate_card_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "requisition" (
    "id" TEXT NOT NULL,
    "assignment_id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "incident_id" TEXT NOT NULL,
    "requester_org_id" TEXT NOT NULL,
    "supplier_org_id" TEXT,
    "rate_card_id" TEXT,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_by_id" TEXT NOT NULL,
    "handover_opened_at" TIMESTAMPTZ(3),
    "handover_note" TEXT,
    "operator_count" INTEGER NOT NULL DEFAULT 0,
    "handover_supplier_at" TIMESTAMPTZ(3),
    "handover_supplier_by_id" TEXT,
    "handover_requester_at" TIMESTAMPTZ(3),
    "handover_requester_by_id" TEXT,
    "return_opened_at" TIMESTAMPTZ(3),
    "return_note" TEXT,
    "damage_note" TEXT,
    "damage_cents" INTEGER NOT NULL DEFAULT 0,
    "km_driven" INTEGER NOT NULL DEFAULT 0,
    "return_supplier_at" TIMESTAMPTZ(3),
    "return_supplier_by_id" TEXT,
    "return_requester_at" TIMESTAMPTZ(3),
    "return_requester_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "requisition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "requisition_photo" (
    "id" TEXT NOT NULL,
    "requisition_id" TEXT NOT NULL,
    "stage" "evidence_stage" NOT NULL,
    "uploader_id" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "bytes" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "requisition_photo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "compensation_claim" (
    "id" TEXT NOT NULL,
    "assignment_id" TEXT NOT NULL,
    "incident_id" TEXT NOT NULL,
    "supplier_org_id" TEXT NOT NULL,
    "requester_org_id" TEXT NOT NULL,
    "mode" "payment_mode" NOT NULL,
    "status" "claim_status" NOT NULL DEFAULT 'OPEN',
    "filed_at" TIMESTAMPTZ(3),
    "paid_at" TIMESTAMPTZ(3),
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "compensation_claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "claim_line" (
    "id" TEXT NOT NULL,
    "claim_id" TEXT NOT NULL,
    "kind" "claim_line_kind" NOT NULL,
    "from_evidence" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT NOT NULL,
    "quantity" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "unit" TEXT NOT NULL DEFAULT 'item',
    "unit_cents" INTEGER NOT NULL DEFAULT 0,
    "amount_cents" INTEGER NOT NULL,
    "status" "claim_line_status" NOT NULL DEFAULT 'PENDING',
    "approved_cents" INTEGER,
    "decision_reason" TEXT,
    "decided_by_id" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "claim_line_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "claim_receipt" (
    "id" TEXT NOT NULL,
    "line_id" TEXT NOT NULL,
    "uploader_id" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "claim_receipt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "rate_card_type_id_effective_from_idx" ON "rate_card"("type_id", "effective_from");

-- CreateIndex
CREATE UNIQUE INDEX "rate_card_type_id_version_key" ON "rate_card"("type_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "requisition_assignment_id_key" ON "requisition"("assignment_id");

-- CreateIndex
CREATE UNIQUE INDEX "requisition_number_key" ON "requisition"("number");

-- CreateIndex
CREATE INDEX "requisition_incident_id_idx" ON "requisition"("incident_id");

-- CreateIndex
CREATE INDEX "requisition_requester_org_id_idx" ON "requisition"("requester_org_id");

-- CreateIndex
CREATE INDEX "requisition_supplier_org_id_idx" ON "requisition"("supplier_org_id");

-- CreateIndex
CREATE INDEX "requisition_rate_card_id_idx" ON "requisition"("rate_card_id");

-- CreateIndex
CREATE INDEX "requisition_photo_requisition_id_stage_idx" ON "requisition_photo"("requisition_id", "stage");

-- CreateIndex
CREATE UNIQUE INDEX "compensation_claim_assignment_id_key" ON "compensation_claim"("assignment_id");

-- CreateIndex
CREATE INDEX "compensation_claim_incident_id_idx" ON "compensation_claim"("incident_id");

-- CreateIndex
CREATE INDEX "compensation_claim_supplier_org_id_status_idx" ON "compensation_claim"("supplier_org_id", "status");

-- CreateIndex
CREATE INDEX "compensation_claim_requester_org_id_status_idx" ON "compensation_claim"("requester_org_id", "status");

-- CreateIndex
CREATE INDEX "claim_line_claim_id_idx" ON "claim_line"("claim_id");

-- CreateIndex
CREATE INDEX "claim_receipt_line_id_idx" ON "claim_receipt"("line_id");

-- CreateIndex
CREATE INDEX "incident_responsible_org_id_idx" ON "incident"("responsible_org_id");

-- CreateIndex
CREATE UNIQUE INDEX "review_assignment_id_side_key" ON "review"("assignment_id", "side");

-- AddForeignKey
ALTER TABLE "incident" ADD CONSTRAINT "incident_responsible_org_id_fkey" FOREIGN KEY ("responsible_org_id") REFERENCES "organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rate_card" ADD CONSTRAINT "rate_card_type_id_fkey" FOREIGN KEY ("type_id") REFERENCES "resource_type"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requisition" ADD CONSTRAINT "requisition_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "assignment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requisition" ADD CONSTRAINT "requisition_rate_card_id_fkey" FOREIGN KEY ("rate_card_id") REFERENCES "rate_card"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requisition_photo" ADD CONSTRAINT "requisition_photo_requisition_id_fkey" FOREIGN KEY ("requisition_id") REFERENCES "requisition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "compensation_claim" ADD CONSTRAINT "compensation_claim_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "assignment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "claim_line" ADD CONSTRAINT "claim_line_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "compensation_claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "claim_receipt" ADD CONSTRAINT "claim_receipt_line_id_fkey" FOREIGN KEY ("line_id") REFERENCES "claim_line"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Requisition decision numbers: one sequence, formatted by the app (征用〔year〕number).
CREATE SEQUENCE "requisition_number_seq";

-- Rules the database keeps (named <table>_<rule>_check like the rest).
ALTER TABLE "rate_card"
  ADD CONSTRAINT "rate_card_amounts_check" CHECK (rent_cents >= 0 AND operator_cents_per_hour >= 0 AND fuel_cents_per_km >= 0),
  ADD CONSTRAINT "rate_card_version_check" CHECK (version >= 1);
ALTER TABLE "requisition"
  ADD CONSTRAINT "requisition_amounts_check" CHECK (damage_cents >= 0 AND km_driven >= 0 AND operator_count >= 0);
ALTER TABLE "claim_line"
  ADD CONSTRAINT "claim_line_amounts_check" CHECK (amount_cents >= 0 AND (approved_cents IS NULL OR approved_cents >= 0) AND quantity >= 0);
ALTER TABLE "review"
  ADD CONSTRAINT "review_sub_scores_check" CHECK (
    (punctuality IS NULL OR punctuality BETWEEN 1 AND 5) AND (condition IS NULL OR condition BETWEEN 1 AND 5)
    AND (cooperation IS NULL OR cooperation BETWEEN 1 AND 5));
