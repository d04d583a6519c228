-- The candidate query's supplier loads (fairness) count the live assignments of at most the pool's suppliers:
-- a partial index of live assignments by supplier makes that a few index probes instead of a scan of every live
-- assignment (which grows with the surge). The status list is LIVE_ASSIGNMENT_STATUSES (match-types.ts).
CREATE INDEX IF NOT EXISTS "assignment_live_supplier_idx" ON "assignment" ("supplier_id")
  WHERE "status" IN ('OFFERED', 'ACCEPTED', 'MOBILIZED', 'EN_ROUTE', 'ON_SCENE');
