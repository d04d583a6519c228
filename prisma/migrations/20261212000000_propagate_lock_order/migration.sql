-- The propagating triggers (an organisation's verification, a person's account or expert profile, a type's kind,
-- level or required credentials) updated their listings in whatever order the plan read them. The search sync's
-- fan-out locks the same listings in id order (server/modules/search/sync/fan-out.ts): the two could each hold a
-- listing the other wanted, and a writer queued on one of those rows was picked as the deadlock's victim (the
-- search-sync kill test, in CI). Each now locks its listings in id order first, then updates them.

CREATE OR REPLACE FUNCTION muster_org_verified_propagate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM resource r
  WHERE r.owner_org_id = NEW.id AND r.owner_verified <> (NEW.verification = 'VERIFIED')
  ORDER BY r.id FOR NO KEY UPDATE;
  UPDATE resource r SET owner_verified = (NEW.verification = 'VERIFIED')
  WHERE r.owner_org_id = NEW.id AND r.owner_verified <> (NEW.verification = 'VERIFIED');
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION muster_user_listings_verified(p_user TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM resource r
  WHERE r.owner_user_id = p_user AND r.owner_org_id IS NULL AND r.owner_verified <> muster_owner_verified(NULL, p_user)
  ORDER BY r.id FOR NO KEY UPDATE;
  UPDATE resource r SET owner_verified = muster_owner_verified(NULL, p_user)
  WHERE r.owner_user_id = p_user AND r.owner_org_id IS NULL AND r.owner_verified <> muster_owner_verified(NULL, p_user);
END $$;

CREATE OR REPLACE FUNCTION muster_resource_type_propagate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM resource r WHERE r.type_id = NEW.id ORDER BY r.id FOR NO KEY UPDATE;
  UPDATE resource SET type_kind = NEW.kind, type_level = NEW.type_level WHERE type_id = NEW.id;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION muster_resource_type_credentials_propagate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM resource r
  WHERE r.type_id = NEW.id AND r.credential_cover IS DISTINCT FROM muster_credential_cover(r.id, r.type_id)
  ORDER BY r.id FOR NO KEY UPDATE;
  UPDATE resource r SET credential_cover = muster_credential_cover(r.id, r.type_id)
  WHERE r.type_id = NEW.id AND r.credential_cover IS DISTINCT FROM muster_credential_cover(r.id, r.type_id);
  RETURN NULL;
END $$;
