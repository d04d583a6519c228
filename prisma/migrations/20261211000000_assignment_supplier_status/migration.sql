-- A supplier's offer inbox (polled every few seconds by every supplier's system) reads its assignments by
-- supplier_id (kept by triggers, migration 20261206190000_assignment_supplier) and status. It joined every
-- resource of the organisation and probed assignments per resource: ~8 ms for an organisation with a few hundred
-- listings at 1M, the largest share of the database's time in the surge drill.
CREATE INDEX "assignment_supplier_id_status_idx" ON "assignment"("supplier_id", "status");
