-- Issue 13: a need is never filled beyond what it asks for. The buckets are disjoint (committed → en route →
-- on scene → released, server/modules/needs/quantities.ts) and "filled" is their sum. quantities.ts guards a
-- new commitment in its UPDATE's WHERE and need.update checks a lowered quantity first; this CHECK is the line
-- behind both (a quantity edit racing a commitment, a hand-written UPDATE, a seed).

-- Earlier seeds wrote the buckets as running totals. Re-derive only the needs that now break the rule from
-- their assignments (the same mapping the app moves them by; a need with none gets zeros); every other row is
-- left as it is.
UPDATE "need" n SET
  qty_committed = s.committed, qty_en_route = s.en_route, qty_on_scene = s.on_scene, qty_released = s.released
FROM (
  SELECT o.id AS need_id,
    COALESCE(SUM(a.quantity) FILTER (WHERE a.status IN ('ACCEPTED', 'MOBILIZED')), 0) AS committed,
    COALESCE(SUM(a.quantity) FILTER (WHERE a.status = 'EN_ROUTE'), 0) AS en_route,
    COALESCE(SUM(a.quantity) FILTER (WHERE a.status = 'ON_SCENE'), 0) AS on_scene,
    COALESCE(SUM(a.quantity) FILTER (WHERE a.status IN ('COMPLETED', 'RELEASED')), 0) AS released
  FROM "need" o
  LEFT JOIN "assignment" a ON a.need_id = o.id
  WHERE o.qty_committed + o.qty_en_route + o.qty_on_scene + o.qty_released > o.quantity
  GROUP BY o.id
) s
WHERE s.need_id = n.id;

-- Should a need's own assignments carry more than it asks for (hand-edited data), the units are really
-- there: the quantity is raised to them rather than the migration failing on an existing database.
UPDATE "need" SET quantity = qty_committed + qty_en_route + qty_on_scene + qty_released
WHERE qty_committed + qty_en_route + qty_on_scene + qty_released > quantity;

ALTER TABLE "need"
  ADD CONSTRAINT "need_filled_within_quantity_check"
  CHECK (qty_committed + qty_en_route + qty_on_scene + qty_released <= quantity);
