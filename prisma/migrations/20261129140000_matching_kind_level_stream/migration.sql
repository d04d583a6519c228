-- Matching (issue 5): one KNN stream per need instead of one per compatible type.
-- A need accepts its own type or a more capable level of the same kind (compatible-types.ts), i.e. every
-- type with kind = K and type_level <= L. With the type's kind and level on the resource row, one GiST scan
-- over (type_kind, type_level, position) serves all of them at once (candidate-sql.ts); per-type scans cost a
-- full KNN pool each and PostgreSQL cannot merge them in distance order.

ALTER TABLE "resource" ADD COLUMN "type_kind" TEXT NOT NULL DEFAULT '',
                       ADD COLUMN "type_level" INTEGER NOT NULL DEFAULT 1;

-- Copies of resource_type's kind/type_level, kept by the database (never written by the app): on every insert,
-- and on any update that touches type_id or the copies themselves.
CREATE FUNCTION muster_resource_copy_type() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT t.kind, t.type_level INTO NEW.type_kind, NEW.type_level FROM resource_type t WHERE t.id = NEW.type_id;
  RETURN NEW;
END $$;
CREATE TRIGGER resource_copy_type BEFORE INSERT OR UPDATE OF type_id, type_kind, type_level ON "resource"
  FOR EACH ROW EXECUTE FUNCTION muster_resource_copy_type();
-- Derived data: also under session_replication_role = replica (the bulk seed's FK-trigger bypass, restores).
ALTER TABLE "resource" ENABLE ALWAYS TRIGGER resource_copy_type;

-- A catalogue edit of a type's kind or level reaches its listings in the same transaction.
CREATE FUNCTION muster_resource_type_propagate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE resource SET type_kind = NEW.kind, type_level = NEW.type_level WHERE type_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER resource_type_propagate AFTER UPDATE OF kind, type_level ON "resource_type"
  FOR EACH ROW WHEN (OLD.kind IS DISTINCT FROM NEW.kind OR OLD.type_level IS DISTINCT FROM NEW.type_level)
  EXECUTE FUNCTION muster_resource_type_propagate();
ALTER TABLE "resource_type" ENABLE ALWAYS TRIGGER resource_type_propagate;

UPDATE "resource" r SET type_kind = t.kind, type_level = t.type_level FROM resource_type t WHERE t.id = r.type_id;

CREATE INDEX "resource_available_kind_level_position_gist"
  ON "resource" USING gist (type_kind, type_level, muster_ll_to_earth(lat, lng))
  WHERE status = 'AVAILABLE';
DROP INDEX IF EXISTS "resource_available_type_position_gist";
