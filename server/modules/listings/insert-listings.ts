import { randomBytes } from "node:crypto";
import type { Prisma } from "@/server/generated/prisma/client";

/**
 * Fast multi-row INSERT of listings for the CSV import: one statement per chunk,
 *   INSERT INTO resource (…) SELECT * FROM unnest($1::text[], $2::float8[], …)
 * with one array parameter per column (a handful of parameters whatever the chunk size). Run inside
 * the import's transaction. Prisma's createMany was ~10× slower here (it binds every cell).
 */

export type ListingInsertRow = {
  typeId: string;
  ownerOrgId: string | null;
  ownerUserId: string | null;
  title: string;
  titleEn: string | null;
  description: string;
  capabilities: Record<string, number>;
  totalQuantity: number;
  unit: string;
  lat: number;
  lng: number;
  address: string;
  regionCode: string;
  travelRange: string;
  maxTravelKm: number;
  mobilizationMinutes: number;
  status: string;
  pricingMode: string;
  priceCents: number;
  depositCents: number;
  currency: string;
};

const COLUMNS: [string, string, (r: ListingInsertRow) => unknown][] = [
  ["type_id", "text", (r) => r.typeId],
  ["owner_org_id", "text", (r) => r.ownerOrgId],
  ["owner_user_id", "text", (r) => r.ownerUserId],
  ["title", "text", (r) => r.title],
  ["title_en", "text", (r) => r.titleEn],
  ["description", "text", (r) => r.description],
  ["capabilities", "jsonb", (r) => JSON.stringify(r.capabilities)],
  ["total_quantity", "int4", (r) => r.totalQuantity],
  ["unit", "text", (r) => r.unit],
  ["lat", "float8", (r) => r.lat],
  ["lng", "float8", (r) => r.lng],
  ["address", "text", (r) => r.address],
  ["region_code", "text", (r) => r.regionCode],
  ["travel_range", "travel_range", (r) => r.travelRange],
  ["max_travel_km", "int4", (r) => r.maxTravelKm],
  ["mobilization_minutes", "int4", (r) => r.mobilizationMinutes],
  ["status", "resource_status", (r) => r.status],
  ["pricing_mode", "pricing_mode", (r) => r.pricingMode],
  ["price_cents", "int4", (r) => r.priceCents],
  ["deposit_cents", "int4", (r) => r.depositCents],
  ["currency", "text", (r) => r.currency],
];

/** A cuid-length id ("c" + 24 hex), unique enough for primary keys. */
export function newListingId(): string {
  return `c${randomBytes(12).toString("hex")}`;
}

export async function insertListings(tx: Prisma.TransactionClient, rows: readonly ListingInsertRow[], chunk = 1000): Promise<number> {
  const names = ["id", ...COLUMNS.map((c) => c[0]), "created_at", "updated_at"].map((n) => `"${n}"`).join(", ");
  const params = COLUMNS.map((c, i) => `$${i + 2}::${c[1]}[]`).join(", ");
  const sql = `INSERT INTO "resource" (${names}) SELECT u.*, now(), now() FROM unnest($1::text[], ${params}) AS u`;
  let inserted = 0;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const values = [part.map(() => newListingId()), ...COLUMNS.map(([, , get]) => part.map(get))];
    inserted += await tx.$executeRawUnsafe(sql, ...values);
  }
  return inserted;
}
