-- Issue 15 (trading and settlement, payments side): the append-only double-entry ledger, order states and
-- quote snapshots, Stripe Connect on organisations, and richer webhook dedupe rows.

-- Order states: quoted → accepted → payable → paid → (partially) refunded / settled.
ALTER TYPE "order_status" ADD VALUE IF NOT EXISTS 'QUOTED';
ALTER TYPE "order_status" ADD VALUE IF NOT EXISTS 'ACCEPTED';
ALTER TYPE "order_status" ADD VALUE IF NOT EXISTS 'PAYABLE';
ALTER TYPE "order_status" ADD VALUE IF NOT EXISTS 'PARTIALLY_REFUNDED';

ALTER TABLE "orders"
  ADD COLUMN "incident_id" TEXT,
  ADD COLUMN "quote" JSONB,
  ADD COLUMN "deposit_cents" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "cancel_share_bps" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "settlement_mode" TEXT NOT NULL DEFAULT 'INVOICE',
  ADD COLUMN "refunded_cents" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "fee_cents" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "stripe_checkout_session_id" TEXT,
  ADD COLUMN "stripe_payment_intent_id" TEXT,
  ADD COLUMN "stripe_transfer_id" TEXT,
  ADD COLUMN "accepted_at" TIMESTAMPTZ(3),
  ADD COLUMN "paid_at" TIMESTAMPTZ(3),
  ADD COLUMN "settled_at" TIMESTAMPTZ(3),
  ADD COLUMN "cancelled_at" TIMESTAMPTZ(3);

CREATE UNIQUE INDEX "orders_stripe_checkout_session_id_key" ON "orders"("stripe_checkout_session_id");
CREATE UNIQUE INDEX "orders_stripe_payment_intent_id_key" ON "orders"("stripe_payment_intent_id");
CREATE UNIQUE INDEX "orders_stripe_transfer_id_key" ON "orders"("stripe_transfer_id");
CREATE INDEX "orders_incident_id_idx" ON "orders"("incident_id");
ALTER TABLE "orders" ADD CONSTRAINT "orders_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "orders"
  ADD CONSTRAINT "orders_money_check" CHECK (
        deposit_cents >= 0 AND fee_cents >= 0 AND refunded_cents >= 0 AND refunded_cents <= amount_cents
    AND cancel_share_bps BETWEEN 0 AND 10000),
  ADD CONSTRAINT "orders_settlement_mode_check" CHECK (settlement_mode IN ('STRIPE', 'INVOICE'));

ALTER TABLE "assignment" ADD COLUMN "quote" JSONB;

ALTER TABLE "organization"
  ADD COLUMN "stripe_account_id" TEXT,
  ADD COLUMN "stripe_payouts_enabled" BOOLEAN NOT NULL DEFAULT false;
CREATE UNIQUE INDEX "organization_stripe_account_id_key" ON "organization"("stripe_account_id");

ALTER TABLE "stripe_event"
  ADD COLUMN "event_created_at" TIMESTAMPTZ(3),
  ADD COLUMN "object_id" TEXT;

-- Journals. Nothing used ledger_entry before this migration, so its rows (if any) get a journal each.
CREATE TABLE "ledger_journal" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "incident_id" TEXT,
    "order_id" TEXT,
    "memo" TEXT,
    "idempotency_key" TEXT,
    "reversal_of_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_journal_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ledger_journal_idempotency_key_key" ON "ledger_journal"("idempotency_key");
CREATE UNIQUE INDEX "ledger_journal_reversal_of_id_key" ON "ledger_journal"("reversal_of_id");
CREATE INDEX "ledger_journal_incident_id_idx" ON "ledger_journal"("incident_id");
CREATE INDEX "ledger_journal_order_id_idx" ON "ledger_journal"("order_id");
CREATE INDEX "ledger_journal_kind_idx" ON "ledger_journal"("kind");
ALTER TABLE "ledger_journal" ADD CONSTRAINT "ledger_journal_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ledger_journal" ADD CONSTRAINT "ledger_journal_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ledger_journal" ADD CONSTRAINT "ledger_journal_reversal_of_id_fkey" FOREIGN KEY ("reversal_of_id") REFERENCES "ledger_journal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

INSERT INTO "ledger_journal" ("id", "kind", "created_at")
SELECT DISTINCT ON ("journal_id") "journal_id", 'legacy', "created_at" FROM "ledger_entry" ORDER BY "journal_id", "created_at";

ALTER TABLE "ledger_entry" ADD COLUMN "incident_id" TEXT;
CREATE INDEX "ledger_entry_incident_id_account_idx" ON "ledger_entry"("incident_id", "account");
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_journal_id_fkey" FOREIGN KEY ("journal_id") REFERENCES "ledger_journal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Append-only: a correction is a reversing journal, never an edit. TRUNCATE (the demo seed's full reset)
-- stays possible: it removes whole books, not single lines.
CREATE FUNCTION "ledger_forbid_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger is append-only: % on % is not allowed (post a reversing journal instead)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'check_violation';
END
$$;
CREATE TRIGGER "ledger_entry_append_only" BEFORE UPDATE OR DELETE ON "ledger_entry"
  FOR EACH ROW EXECUTE FUNCTION "ledger_forbid_change"();
CREATE TRIGGER "ledger_journal_append_only" BEFORE UPDATE OR DELETE ON "ledger_journal"
  FOR EACH ROW EXECUTE FUNCTION "ledger_forbid_change"();

-- Every journal balances per currency. postJournal inserts a journal's lines in one statement, so the check
-- runs once per statement over the journals it touched (an error at commit time would leave the ORM's
-- pooled connection in a failed COMMIT, so the check is not deferred).
CREATE FUNCTION "ledger_check_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad RECORD;
BEGIN
  SELECT e.journal_id, e.currency, SUM(e.debit_cents) AS d, SUM(e.credit_cents) AS c INTO bad
  FROM ledger_entry e
  WHERE e.journal_id IN (SELECT DISTINCT n.journal_id FROM new_lines n)
  GROUP BY e.journal_id, e.currency HAVING SUM(e.debit_cents) <> SUM(e.credit_cents) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger journal % does not balance in %: debit % credit %', bad.journal_id, bad.currency, bad.d, bad.c
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER "ledger_entry_balanced" AFTER INSERT ON "ledger_entry"
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION "ledger_check_balanced"();
