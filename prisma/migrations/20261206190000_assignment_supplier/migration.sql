-- Matching (issue 17): the candidate query counts live assignments per supplier (fairness) for every need.
-- Finding each live assignment's supplier through resource cost one primary-key probe of the 1M-row resource
-- table per live assignment (about 270 in the bench seed): more than the KNN scan itself. assignment.supplier_id
-- (the resource's owning organisation, else its owning user; NULL for knight tasks) is kept by the database.

ALTER TABLE "assignment" ADD COLUMN "supplier_id" TEXT;

UPDATE "assignment" a SET supplier_id = coalesce(r.owner_org_id, r.owner_user_id)
FROM "resource" r WHERE r.id = a.resource_id;

CREATE FUNCTION muster_assignment_supplier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.supplier_id := (SELECT coalesce(r.owner_org_id, r.owner_user_id) FROM resource r WHERE r.id = NEW.resource_id);
  RETURN NEW;
END $$;

CREATE FUNCTION muster_resource_owner_to_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE assignment a SET supplier_id = coalesce(NEW.owner_org_id, NEW.owner_user_id)
  WHERE a.resource_id = NEW.id AND a.supplier_id IS DISTINCT FROM coalesce(NEW.owner_org_id, NEW.owner_user_id);
  RETURN NULL;
END $$;

CREATE TRIGGER assignment_supplier BEFORE INSERT OR UPDATE OF resource_id, supplier_id ON "assignment"
  FOR EACH ROW EXECUTE FUNCTION muster_assignment_supplier();
CREATE TRIGGER resource_owner_to_assignments AFTER UPDATE OF owner_org_id, owner_user_id ON "resource"
  FOR EACH ROW WHEN (OLD.owner_org_id IS DISTINCT FROM NEW.owner_org_id OR OLD.owner_user_id IS DISTINCT FROM NEW.owner_user_id)
  EXECUTE FUNCTION muster_resource_owner_to_assignments();
-- Derived data: also under session_replication_role = replica (the bulk seed's FK-trigger bypass, restores).
ALTER TABLE "assignment" ENABLE ALWAYS TRIGGER assignment_supplier;
ALTER TABLE "resource" ENABLE ALWAYS TRIGGER resource_owner_to_assignments;
