-- Matching (issue 5): per-type KNN for the candidate query (server/modules/matching/candidate-sql.ts).
-- Raw-SQL object, invisible to schema.prisma like resource_position_gist. btree_gist supplies the
-- type_id (text =) opclass, so one GiST scan does `type_id = $t AND earth_box(...) @> position
-- ORDER BY position <-> point LIMIT n` over AVAILABLE listings only.
CREATE INDEX IF NOT EXISTS "resource_available_type_position_gist"
  ON "resource" USING gist (type_id, muster_ll_to_earth(lat, lng))
  WHERE status = 'AVAILABLE';
