-- Matching (issue 17): the candidate query's per-row rules read the resource row only. Each correlated probe
-- (owner verification, availability windows, required credentials) cost a few index lookups per row the KNN
-- walk passes; the facts they read are now copied onto the resource row by the database, exactly:
--  - owner_verified: owner organisation VERIFIED, or (no organisation) an owner with an expert profile whose
--    account is not disabled. Kept on resource insert/owner change, organisation verification, user
--    disabled_at and expert_profile changes.
--  - avail_blackout / avail_weekly / avail_dated: the listing's windows as multiranges (NULL = none of that
--    kind). Overlap and containment on a union answer the same as "some window overlaps / contains" (the rules
--    only ever ask that), so the union is exact. Weekly windows as minute-of-week ranges (weekday × 1440 +
--    minute; the CHECKs keep every window inside its day).
--  - credential_cover: the job windows [start, end] the listing's credentials cover for its type's required
--    kinds, when every required kind has at most one credential: the intersection of those credentials'
--    [valid_from, valid_until] ('empty' when one is missing, unbounded when none is required). NULL when some
--    required kind has several credentials (their union is not one range): the query then probes as before.
-- Triggers take the rows they read in the same order as the writers they race (the owner row FOR SHARE
-- against its update; the listing row before looking at its windows/credentials), so a concurrent change
-- is never missed. All are ENABLE ALWAYS: the bulk seed loads under session_replication_role = replica.

-- ─── owner_verified ───────────────────────────────────────────────────────────────────────────────────────
CREATE FUNCTION muster_owner_verified(p_org TEXT, p_user TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN p_org IS NOT NULL
              THEN EXISTS (SELECT 1 FROM organization o WHERE o.id = p_org AND o.verification = 'VERIFIED')
              ELSE EXISTS (SELECT 1 FROM expert_profile e JOIN users u ON u.id = e.user_id
                           WHERE e.user_id = p_user AND u.disabled_at IS NULL) END
$$;

-- ─── credential_cover ─────────────────────────────────────────────────────────────────────────────────────
CREATE FUNCTION muster_credential_cover(p_resource TEXT, p_type TEXT) RETURNS tstzrange LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN bool_or(x.n > 1) THEN NULL ELSE coalesce(range_intersect_agg(x.cover), '(,)'::tstzrange) END
  FROM (SELECT count(c.id) AS n,
               CASE WHEN count(c.id) = 0 THEN 'empty'::tstzrange
                    ELSE tstzrange(max(c.valid_from), max(c.valid_until), '[]') END AS cover
        FROM (SELECT DISTINCT unnest(t.required_credential_kinds) AS kind FROM resource_type t WHERE t.id = p_type) k
        LEFT JOIN credential c ON c.resource_id = p_resource AND c.kind = k.kind
        GROUP BY k.kind) x
$$;

-- ─── columns and backfill (one write per changed row) ────────────────────────────────────────────────────
-- owner_verified defaults to true for the backfill only (most listings have a verified owner: only the others
-- are written), then to false; the insert trigger below sets it on every new row anyway.
ALTER TABLE "resource" ADD COLUMN "owner_verified" BOOLEAN NOT NULL DEFAULT true,
                       ADD COLUMN "avail_blackout" tstzmultirange,
                       ADD COLUMN "avail_weekly" int4multirange,
                       ADD COLUMN "avail_dated" tstzmultirange,
                       ADD COLUMN "credential_cover" tstzrange DEFAULT '(,)';

-- Derived matcher columns, not shown in search documents nor counted in the map's cells: the backfill writes
-- no search outbox rows (which would re-index every listing it touches) and skips the cells' no-op pass.
ALTER TABLE "resource" DISABLE TRIGGER resource_search_outbox_upd, DISABLE TRIGGER resource_availability_cell_upd;

CREATE TEMP TABLE matcher_backfill AS
WITH owners AS (
  SELECT r.id, false AS owner_verified FROM resource r
  WHERE NOT muster_owner_verified(r.owner_org_id, r.owner_user_id)
), windows AS (
  SELECT w.resource_id AS id,
         range_agg(tstzrange(w.starts_at, w.ends_at, '[)')) FILTER (WHERE w.kind = 'BLACKOUT') AS blackout,
         range_agg(int4range(w.weekday * 1440 + w.start_minute, w.weekday * 1440 + w.end_minute, '[)')) FILTER (WHERE w.kind = 'WEEKLY') AS weekly,
         range_agg(tstzrange(w.starts_at, w.ends_at, '[)')) FILTER (WHERE w.kind = 'DATED') AS dated
  FROM availability_window w GROUP BY w.resource_id
), required AS (
  SELECT r.id, k.kind FROM resource r JOIN resource_type t ON t.id = r.type_id
  CROSS JOIN LATERAL (SELECT DISTINCT unnest(t.required_credential_kinds)) AS k(kind)
), per_kind AS (
  SELECT q.id, count(c.id) AS n,
         CASE WHEN count(c.id) = 0 THEN 'empty'::tstzrange ELSE tstzrange(max(c.valid_from), max(c.valid_until), '[]') END AS cover
  FROM required q LEFT JOIN credential c ON c.resource_id = q.id AND c.kind = q.kind
  GROUP BY q.id, q.kind
), creds AS (
  SELECT id, CASE WHEN bool_or(n > 1) THEN NULL ELSE range_intersect_agg(cover) END AS cover FROM per_kind GROUP BY id
)
SELECT coalesce(o.id, w.id, c.id) AS id, o.owner_verified, w.id IS NOT NULL AS has_windows, w.blackout, w.weekly, w.dated,
       c.id IS NOT NULL AS has_creds, c.cover
FROM owners o FULL JOIN windows w ON w.id = o.id FULL JOIN creds c ON c.id = coalesce(o.id, w.id);

UPDATE resource r SET owner_verified = coalesce(b.owner_verified, r.owner_verified),
                      avail_blackout = CASE WHEN b.has_windows THEN b.blackout ELSE r.avail_blackout END,
                      avail_weekly = CASE WHEN b.has_windows THEN b.weekly ELSE r.avail_weekly END,
                      avail_dated = CASE WHEN b.has_windows THEN b.dated ELSE r.avail_dated END,
                      credential_cover = CASE WHEN b.has_creds THEN b.cover ELSE r.credential_cover END
FROM matcher_backfill b WHERE b.id = r.id;

DROP TABLE matcher_backfill;
ALTER TABLE "resource" ENABLE TRIGGER resource_search_outbox_upd, ENABLE TRIGGER resource_availability_cell_upd;

ALTER TABLE "resource" ALTER COLUMN "owner_verified" SET DEFAULT false;

-- ─── resource: insert, owner change, type change ─────────────────────────────────────────────────────────
CREATE FUNCTION muster_resource_matcher_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The owner row FOR SHARE: a concurrent verification / disable / expert-profile change waits for us or we
  -- for it, and then reads what the other committed (its triggers update listings they can see).
  IF NEW.owner_org_id IS NOT NULL THEN
    PERFORM 1 FROM organization o WHERE o.id = NEW.owner_org_id FOR SHARE;
  ELSIF NEW.owner_user_id IS NOT NULL THEN
    PERFORM 1 FROM users u WHERE u.id = NEW.owner_user_id FOR SHARE;
  END IF;
  NEW.owner_verified := muster_owner_verified(NEW.owner_org_id, NEW.owner_user_id);
  NEW.credential_cover := muster_credential_cover(NEW.id, NEW.type_id);
  IF TG_OP = 'INSERT' THEN
    -- windows arrive after the listing (their trigger fills these); a written value is not trusted
    NEW.avail_blackout := NULL; NEW.avail_weekly := NULL; NEW.avail_dated := NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER resource_matcher_facts BEFORE INSERT OR UPDATE OF owner_org_id, owner_user_id, type_id ON "resource"
  FOR EACH ROW EXECUTE FUNCTION muster_resource_matcher_facts();
ALTER TABLE "resource" ENABLE ALWAYS TRIGGER resource_matcher_facts;

-- ─── owners ───────────────────────────────────────────────────────────────────────────────────────────────
CREATE FUNCTION muster_org_verified_propagate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE resource r SET owner_verified = (NEW.verification = 'VERIFIED')
  WHERE r.owner_org_id = NEW.id AND r.owner_verified <> (NEW.verification = 'VERIFIED');
  RETURN NULL;
END $$;
CREATE TRIGGER organization_verified_propagate AFTER UPDATE OF verification ON "organization"
  FOR EACH ROW WHEN (OLD.verification IS DISTINCT FROM NEW.verification)
  EXECUTE FUNCTION muster_org_verified_propagate();
ALTER TABLE "organization" ENABLE ALWAYS TRIGGER organization_verified_propagate;

-- A user's individual listings (no owner organisation), after their account or expert profile changed.
CREATE FUNCTION muster_user_listings_verified(p_user TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE resource r SET owner_verified = muster_owner_verified(NULL, p_user)
  WHERE r.owner_user_id = p_user AND r.owner_org_id IS NULL AND r.owner_verified <> muster_owner_verified(NULL, p_user);
END $$;

CREATE FUNCTION muster_user_disabled_propagate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM muster_user_listings_verified(NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER users_disabled_propagate AFTER UPDATE OF disabled_at ON "users"
  FOR EACH ROW WHEN ((OLD.disabled_at IS NULL) IS DISTINCT FROM (NEW.disabled_at IS NULL))
  EXECUTE FUNCTION muster_user_disabled_propagate();
ALTER TABLE "users" ENABLE ALWAYS TRIGGER users_disabled_propagate;

CREATE FUNCTION muster_expert_profile_propagate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Lock the user row(s) first: a listing insert holds them FOR SHARE, so one of us sees the other's row.
  PERFORM 1 FROM users u
  WHERE u.id IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD.user_id END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.user_id END)
  ORDER BY u.id FOR NO KEY UPDATE;
  IF TG_OP <> 'INSERT' THEN PERFORM muster_user_listings_verified(OLD.user_id); END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.user_id IS DISTINCT FROM OLD.user_id) THEN
    PERFORM muster_user_listings_verified(NEW.user_id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER expert_profile_propagate AFTER INSERT OR DELETE OR UPDATE OF user_id ON "expert_profile"
  FOR EACH ROW EXECUTE FUNCTION muster_expert_profile_propagate();
ALTER TABLE "expert_profile" ENABLE ALWAYS TRIGGER expert_profile_propagate;

-- ─── availability windows (replaces the flag-only function of 20261129150000; same triggers) ─────────────
CREATE OR REPLACE FUNCTION muster_resource_window_flag() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids TEXT[];
BEGIN
  -- transition tables exist per event: each branch reads only its own
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT n.resource_id) INTO ids FROM new_rows n WHERE n.resource_id IS NOT NULL;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT o.resource_id) INTO ids FROM old_rows o WHERE o.resource_id IS NOT NULL;
  ELSE
    SELECT array_agg(DISTINCT x.id) INTO ids
    FROM (SELECT n.resource_id FROM new_rows n UNION SELECT o.resource_id FROM old_rows o) AS x(id) WHERE x.id IS NOT NULL;
  END IF;
  IF ids IS NULL THEN RETURN NULL; END IF;
  -- Lock first, then look: the next statement's snapshot sees windows a concurrent writer of the same
  -- listing committed while we waited, so nothing it wrote is lost.
  PERFORM 1 FROM resource r WHERE r.id = ANY(ids) ORDER BY r.id FOR NO KEY UPDATE;
  UPDATE resource r SET has_availability_windows = w.n > 0, avail_blackout = w.blackout, avail_weekly = w.weekly, avail_dated = w.dated
  FROM (SELECT t.id, count(w.resource_id) AS n,
               range_agg(tstzrange(w.starts_at, w.ends_at, '[)')) FILTER (WHERE w.kind = 'BLACKOUT') AS blackout,
               range_agg(int4range(w.weekday * 1440 + w.start_minute, w.weekday * 1440 + w.end_minute, '[)')) FILTER (WHERE w.kind = 'WEEKLY') AS weekly,
               range_agg(tstzrange(w.starts_at, w.ends_at, '[)')) FILTER (WHERE w.kind = 'DATED') AS dated
        FROM unnest(ids) AS t(id)
        LEFT JOIN availability_window w ON w.resource_id = t.id
        GROUP BY t.id) w
  WHERE r.id = w.id;
  RETURN NULL;
END $$;

-- ─── credentials ──────────────────────────────────────────────────────────────────────────────────────────
CREATE FUNCTION muster_resource_credential_cover() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids TEXT[];
BEGIN
  -- transition tables exist per event: each branch reads only its own
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT n.resource_id) INTO ids FROM new_rows n WHERE n.resource_id IS NOT NULL;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT o.resource_id) INTO ids FROM old_rows o WHERE o.resource_id IS NOT NULL;
  ELSE
    SELECT array_agg(DISTINCT x.id) INTO ids
    FROM (SELECT n.resource_id FROM new_rows n UNION SELECT o.resource_id FROM old_rows o) AS x(id) WHERE x.id IS NOT NULL;
  END IF;
  IF ids IS NULL THEN RETURN NULL; END IF;
  PERFORM 1 FROM resource r WHERE r.id = ANY(ids) ORDER BY r.id FOR NO KEY UPDATE;
  UPDATE resource r SET credential_cover = muster_credential_cover(r.id, r.type_id)
  WHERE r.id = ANY(ids)
    AND r.credential_cover IS DISTINCT FROM muster_credential_cover(r.id, r.type_id);
  RETURN NULL;
END $$;
CREATE TRIGGER credential_cover_insert AFTER INSERT ON "credential"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION muster_resource_credential_cover();
CREATE TRIGGER credential_cover_delete AFTER DELETE ON "credential"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION muster_resource_credential_cover();
CREATE TRIGGER credential_cover_update AFTER UPDATE ON "credential"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION muster_resource_credential_cover();
ALTER TABLE "credential" ENABLE ALWAYS TRIGGER credential_cover_insert;
ALTER TABLE "credential" ENABLE ALWAYS TRIGGER credential_cover_delete;
ALTER TABLE "credential" ENABLE ALWAYS TRIGGER credential_cover_update;

-- A catalogue edit of a type's required credential kinds reaches its listings in the same transaction.
CREATE FUNCTION muster_resource_type_credentials_propagate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE resource r SET credential_cover = muster_credential_cover(r.id, r.type_id)
  WHERE r.type_id = NEW.id AND r.credential_cover IS DISTINCT FROM muster_credential_cover(r.id, r.type_id);
  RETURN NULL;
END $$;
CREATE TRIGGER resource_type_credentials_propagate AFTER UPDATE OF required_credential_kinds ON "resource_type"
  FOR EACH ROW WHEN (OLD.required_credential_kinds IS DISTINCT FROM NEW.required_credential_kinds)
  EXECUTE FUNCTION muster_resource_type_credentials_propagate();
ALTER TABLE "resource_type" ENABLE ALWAYS TRIGGER resource_type_credentials_propagate;

