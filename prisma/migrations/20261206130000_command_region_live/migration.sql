-- Issue 16 (command centre): live updates per region, with no polling and without touching every publisher.
-- A command centre follows `region:<code>` (server/modules/live/live-topics.ts). These statement-level triggers
-- write one small event per affected region and its ancestors (a district's change reaches the city's and the
-- province's screens) when what the map shows changes:
--   * any live event on an `incident:<id>` topic (offers, assignment progress, knight task stages, alerts);
--   * a need of an active incident inserted or updated (posted, approved, edited, quantities moved);
--   * an incident that is or was active inserted or updated;
--   * a hazard zone inserted or updated (an incident's zone: its region; a global zone: every region).
-- The events carry ids and the source kind only; the command centre refetches its own scoped data. They are
-- inserted in the same transaction as the change, so they fire (and NOTIFY) only if it commits.

CREATE FUNCTION muster_region_lineage(start_code varchar) RETURNS SETOF varchar LANGUAGE sql STABLE AS $$
  WITH RECURSIVE up AS (
    SELECT r.code, r.parent_code FROM region r WHERE r.code = start_code
    UNION ALL
    SELECT p.code, p.parent_code FROM region p JOIN up ON p.code = up.parent_code
  )
  SELECT up.code FROM up
$$;

-- incident:<id> events → region:<code> for the incident's region and its ancestors (one per region, incident, kind).
-- Statement triggers fire for zero-row inserts too: each function returns early when it has nothing to write, which
-- also ends the chain (the rows written here are region topics, which this trigger does not mirror again).
CREATE FUNCTION muster_live_event_region_mirror() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows WHERE topic LIKE 'incident:%') THEN RETURN NULL; END IF;
  INSERT INTO live_event (topic, kind, data)
  SELECT DISTINCT 'region:' || l.code, 'command.changed', jsonb_build_object('incidentId', e.incident_id, 'source', e.kind)
    FROM (SELECT DISTINCT substr(n.topic, 10) AS incident_id, n.kind FROM new_rows n WHERE n.topic LIKE 'incident:%') e
    JOIN incident i ON i.id = e.incident_id
    CROSS JOIN LATERAL muster_region_lineage(i.region_code) AS l(code);
  RETURN NULL;
END $$;

CREATE TRIGGER live_event_region_mirror AFTER INSERT ON live_event
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION muster_live_event_region_mirror();

CREATE FUNCTION muster_need_region_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN incident i ON i.id = n.incident_id AND i.status IN ('ACTIVE', 'CONTAINED')) THEN
    RETURN NULL;
  END IF;
  INSERT INTO live_event (topic, kind, data)
  SELECT DISTINCT 'region:' || l.code, 'command.changed', jsonb_build_object('incidentId', i.id, 'source', 'need.changed')
    FROM (SELECT DISTINCT n.incident_id FROM new_rows n) c
    JOIN incident i ON i.id = c.incident_id AND i.status IN ('ACTIVE', 'CONTAINED')
    CROSS JOIN LATERAL muster_region_lineage(i.region_code) AS l(code);
  RETURN NULL;
END $$;

CREATE TRIGGER need_region_changed_ins AFTER INSERT ON need
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION muster_need_region_changed();
CREATE TRIGGER need_region_changed_upd AFTER UPDATE ON need
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION muster_need_region_changed();

CREATE FUNCTION muster_incident_region_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO live_event (topic, kind, data)
    SELECT DISTINCT 'region:' || l.code, 'command.changed', jsonb_build_object('incidentId', n.id, 'source', 'incident.changed')
      FROM new_rows n CROSS JOIN LATERAL muster_region_lineage(n.region_code) AS l(code)
     WHERE n.status IN ('ACTIVE', 'CONTAINED');
  ELSE
    INSERT INTO live_event (topic, kind, data)
    SELECT DISTINCT 'region:' || l.code, 'command.changed', jsonb_build_object('incidentId', n.id, 'source', 'incident.changed')
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL muster_region_lineage(n.region_code) AS l(code)
     WHERE n.status IN ('ACTIVE', 'CONTAINED') OR o.status IN ('ACTIVE', 'CONTAINED');
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER incident_region_changed_ins AFTER INSERT ON incident
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION muster_incident_region_changed();
CREATE TRIGGER incident_region_changed_upd AFTER UPDATE ON incident
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION muster_incident_region_changed();

CREATE FUNCTION muster_hazard_zone_region_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
  INSERT INTO live_event (topic, kind, data)
  SELECT DISTINCT 'region:' || l.code, 'command.changed', jsonb_build_object('hazardZoneId', z.id, 'source', 'hazardZone.changed')
    FROM new_rows z
    JOIN incident i ON i.id = z.incident_id
    CROSS JOIN LATERAL muster_region_lineage(i.region_code) AS l(code)
  UNION
  SELECT 'region:' || r.code, 'command.changed', jsonb_build_object('hazardZoneId', z.id, 'source', 'hazardZone.changed')
    FROM new_rows z CROSS JOIN region r
   WHERE z.incident_id IS NULL;
  RETURN NULL;
END $$;

CREATE TRIGGER hazard_zone_region_changed_ins AFTER INSERT ON hazard_zone
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION muster_hazard_zone_region_changed();
CREATE TRIGGER hazard_zone_region_changed_upd AFTER UPDATE ON hazard_zone
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION muster_hazard_zone_region_changed();
