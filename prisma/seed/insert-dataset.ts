import type { Prisma } from "@/server/generated/prisma/client";
import type { Dataset } from "./build-dataset";
import { insertHistory } from "./insert-history";
import {
  CREDENTIAL_COLUMNS, insertUnnest, KNIGHT_PROFILE_COLUMNS, KNIGHT_TRAINING_COLUMNS, RESOURCE_COLUMNS, USER_COLUMNS,
  WINDOW_COLUMNS, type Column, type Queryable,
} from "./bulk-copy";

type Tx = Prisma.TransactionClient;

/** createMany in batches; rows per statement stay well under PostgreSQL's 65,535 bind parameters. */
async function batched<T>(rows: T[], size: number, insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export type Progress = (label: string, rows: number) => void;

/**
 * Writes the base dataset (everything except the bulk tail above the default scale). Call inside one
 * transaction so a failed seed leaves nothing behind. Parents before children, so foreign keys hold.
 * Small tables go through createMany; the big ones through unnest batches on the same transaction,
 * which is ~10× faster than createMany through the driver adapter (8 s → 0.6 s for 3,200 resources).
 */
export async function insertDataset(tx: Tx, d: Dataset, progress: Progress): Promise<void> {
  const q: Queryable = { query: (sql, values) => tx.$executeRawUnsafe(sql, ...values) };
  const unnest = <T>(table: string, columns: Column<T>[]) => (batch: T[]) => insertUnnest(q, table, columns, batch);
  const step = async <T>(label: string, rows: T[], size: number, fn: (batch: T[]) => Promise<unknown>) => {
    const t = Date.now();
    await batched(rows, size, fn);
    progress(`${label} [${Date.now() - t} ms]`, rows.length);
  };
  await step("regions", d.regions, 100, (data) => tx.region.createMany({ data }));
  await step("resource types", d.types, 200, (data) => tx.resourceType.createMany({ data }));
  await step("organisations", d.orgs.map((o) => o.row), 500, (data) => tx.organization.createMany({ data }));
  await step("users", d.users, 5000, unnest("users", USER_COLUMNS));
  await step("expert profiles", d.expertProfiles, 1000, (data) => tx.expertProfile.createMany({ data }));
  await step("memberships", d.memberships, 1000, (data) => tx.membership.createMany({ data }));
  await step("api keys", d.apiKeys, 100, (data) => tx.apiKey.createMany({ data }));
  await step("resources", d.resources, 5000, unnest("resource", RESOURCE_COLUMNS));
  await step("credentials", d.credentials, 5000, unnest("credential", CREDENTIAL_COLUMNS));
  await step("availability windows", d.windows, 5000, unnest("availability_window", WINDOW_COLUMNS));
  await step("knight users", d.knights.map((k) => k.user), 5000, unnest("users", USER_COLUMNS));
  await step("knight profiles", d.knights.map((k) => k.profile), 5000, unnest("knight_profile", KNIGHT_PROFILE_COLUMNS));
  await step("knight trainings", d.knights.flatMap((k) => k.trainings), 5000, unnest("knight_training", KNIGHT_TRAINING_COLUMNS));
  await step("knight credentials", d.knights.flatMap((k) => k.credentials), 5000, unnest("credential", CREDENTIAL_COLUMNS));
  const inc = d.incidents;
  await step("incidents", inc.incidents, 100, (data) => tx.incident.createMany({ data }));
  await step("incident organisations", inc.incidentOrgs, 500, (data) => tx.incidentOrganization.createMany({ data }));
  await step("hazard zones", inc.hazardZones, 100, (data) => tx.hazardZone.createMany({ data }));
  await step("needs", inc.needs, 500, (data) => tx.need.createMany({ data }));
  await step("assignments", inc.assignments, 500, (data) => tx.assignment.createMany({ data }));
  await step("knight offers", d.knightOffers, 500, (data) => tx.offer.createMany({ data }));
  await step("reviews", inc.reviews, 500, (data) => tx.review.createMany({ data }));
  await step("need templates", d.templates, 100, (data) => tx.needTemplate.createMany({ data }));
  await step("jobs", d.jobs, 100, (data) => tx.job.createMany({ data }));
  const t = Date.now();
  const h = await insertHistory(tx, d.history);
  progress(`audit events + live events [${Date.now() - t} ms]`, h.audits + h.live);
}
