-- Issue 13: a need is never filled beyond what it asks for. The buckets are disjoint (committed → en route →
-- on scene → released, server/modules/needs/quantities.ts) and "filled" is their sum. quantities.ts guards a
-- new commitment in its UPDATE's WHERE and need.update checks a lowered quantity first; this CHECK is the line
-- behind both (a quantity edit racing a commitment, a hand-written UPDATE, a seed).

-- Earlier seeds wrote the buckets as running totals. Re-derive only the needs that now break the rule from
-- their assignments (the same mapping the app moves them by); every other row is left as it is.
UPDATE "need" n SET
  qty_committed = s.committed, qty_en_route = s.en_route, qty_on_scene = s.on_scene, qty_released = s.released
FROM (
  SELECT a.need_id,
    COALESCE(SUM(a.quantity) FILTER (WHERE a.status IN ('ACCEPTED', 'MOBILIZED')), 0) AS committed,
    COALESCE(SUM(a.quantity) FILTER (WHERE a.status = 'EN_ROUTE'), 0) AS en_route,
    COALESCE(SUM(a.quantity) FILTER (WHERE a.status = 'ON_SCENE'), 0) AS on_scene,
    COALESCE(SUM(a.quantity) FILTER (WHERE a.status IN ('COMPLETED', 'RELEASED')), 0) AS released
  FROM "assignment" a
  GROUP BY a.need_id
) s
WHERE s.need_id = n.id AND n.qty_committed + n.qty_en_route + n.qty_on_scene + n.qty_released > n.quantity;

ALTER TABLE "need"
  ADD CONSTRAINT "need_filled_within_quantity_check"
  CHECK (qty_committed + qty_en_route + qty_on_scene + qty_released <= quantity);
