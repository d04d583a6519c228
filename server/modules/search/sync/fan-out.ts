import type { Db } from "@/server/db";
import type { OutboxKind } from "@/server/modules/search/sync/outbox-claim";

/**
 * Rows shown inside other documents: a listing carries its owner organisation (name, verification), its type's
 * names, its person's name and expert standing, its region's names; a need its type, incident, requesting
 * organisation and region. Their change is fanned out by touching the dependent rows: the touch gives each a new
 * search_version (so the index takes the new document over the old one: versions only grow) and, through the
 * rows' own outbox trigger, queues them in this same transaction. Rows are locked in id order to keep clear of
 * deadlocks with writers that lock several listings.
 */
export async function fanOutDependents(tx: Db, kinds: Map<OutboxKind, Set<string>>): Promise<void> {
  const ids = (k: OutboxKind) => [...(kinds.get(k) ?? [])];
  const [orgs, types, incidents, users, regions] = [ids("organization"), ids("type"), ids("incident"), ids("user"), ids("region")];
  // A region's code and everything below it (its names show in the paths of its districts' documents).
  const within = regions.length
    ? (await tx.$queryRaw<{ code: string }[]>`
        WITH RECURSIVE r AS (SELECT code FROM region WHERE code = ANY(${regions}::text[])
          UNION SELECT g.code FROM region g JOIN r ON g.parent_code = r.code)
        SELECT code FROM r`).map((r) => r.code)
    : [];
  if (orgs.length || types.length || users.length || within.length) {
    await tx.$executeRaw`
      UPDATE resource SET search_version = 0 WHERE id IN (
        SELECT id FROM resource WHERE owner_org_id = ANY(${orgs}::text[]) OR type_id = ANY(${types}::text[])
          OR owner_user_id = ANY(${users}::text[]) OR region_code = ANY(${within}::text[])
        ORDER BY id FOR UPDATE)`;
  }
  if (orgs.length || types.length || incidents.length || within.length) {
    await tx.$executeRaw`
      UPDATE need SET search_version = 0 WHERE id IN (
        SELECT n.id FROM need n JOIN incident i ON i.id = n.incident_id
        WHERE n.incident_id = ANY(${incidents}::text[]) OR i.org_id = ANY(${orgs}::text[]) OR n.type_id = ANY(${types}::text[])
          OR i.region_code = ANY(${within}::text[])
        ORDER BY n.id FOR UPDATE OF n)`;
  }
  if (within.length) {
    await tx.$executeRaw`
      UPDATE organization SET search_version = 0 WHERE id IN (
        SELECT id FROM organization WHERE region_code = ANY(${within}::text[]) ORDER BY id FOR UPDATE)`;
  }
}
