import type { Db, PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { IMPORT_MAX_ROWS, type TImportInput, type TImportPreview, type TImportResult, type TImportRowError, type TListingInput } from "@/lib/schemas/listings";
import { resolveOwner, type ListingOwner } from "@/server/modules/listings/listing-access";
import { loadListableTypes, loadRegions, nearestRegion, type RegionRef, type TypeRef } from "@/server/modules/listings/listing-refs";
import { insertListings, type ListingInsertRow } from "@/server/modules/listings/insert-listings";
import { headerErrors, parseCsv, validateCsvRecord } from "@/server/modules/listings/csv-rows";

/**
 * Bulk CSV import for one owner. Every row is validated with the listing validators; a file with any
 * invalid row imports nothing and answers the per-row errors. A valid file is inserted in ONE
 * transaction with multi-row INSERTs (1,000 rows each, insert-listings.ts) and one audit event for the whole import.
 */

const MAX_REPORTED_ERRORS = 500;
const CHUNK = 1000;

type Checked = { owner: ListingOwner; total: number; inputs: TListingInput[]; errors: TImportRowError[]; types: Map<string, TypeRef>; regions: RegionRef[] };

async function checkFile(db: Db, actor: Actor, input: TImportInput): Promise<Checked> {
  const owner = resolveOwner(actor, input.orgId);
  const { header, records } = parseCsv(input.csv);
  if (records.length > IMPORT_MAX_ROWS) {
    throw new AppError("BAD_REQUEST", `The file has ${records.length} rows; at most ${IMPORT_MAX_ROWS.toLocaleString("en")} rows per import: split it.`, {
      csv: ["Too many rows."],
    });
  }
  const [types, regions] = await Promise.all([loadListableTypes(db), loadRegions(db)]);
  const base = { owner, total: records.length, types, regions };
  const missing = headerErrors(header);
  if (missing.length) return { ...base, inputs: [], errors: missing };
  if (records.length === 0) return { ...base, inputs: [], errors: [{ row: 1, column: "-", message: "The file has no data rows." }] };
  const ctx = { types, regionCodes: new Set(regions.map((r) => r.code)), orgVerification: owner.orgVerification };
  const inputs: TListingInput[] = [];
  const errors: TImportRowError[] = [];
  records.forEach((rec, i) => {
    const r = validateCsvRecord(rec, i + 2, ctx);
    if (r.input) inputs.push(r.input);
    else errors.push(...r.errors);
  });
  return { ...base, inputs, errors };
}

function invalidRowCount(errors: readonly TImportRowError[]): number {
  return new Set(errors.map((e) => e.row)).size;
}

export async function previewImport(db: Db, actor: Actor, input: TImportInput): Promise<TImportPreview> {
  const c = await checkFile(db, actor, input);
  const invalid = invalidRowCount(c.errors);
  return {
    total: c.total,
    valid: c.inputs.length,
    invalid,
    errors: c.errors.slice(0, MAX_REPORTED_ERRORS),
    errorCount: c.errors.length,
    sample: c.inputs.slice(0, 20).map((l, i) => ({ row: i + 2, typeCode: l.typeCode, title: l.title, quantity: l.quantity, unit: l.unit, status: l.status })),
  };
}

export async function commitImport(db: PrismaClient, actor: Actor, input: TImportInput): Promise<TImportResult> {
  const started = performance.now();
  const c = await checkFile(db, actor, input);
  const ms = () => Math.round(performance.now() - started);
  if (c.errors.length) {
    return { ok: false, imported: 0, total: c.total, errors: c.errors.slice(0, MAX_REPORTED_ERRORS), errorCount: c.errors.length, ms: ms() };
  }
  const rows: ListingInsertRow[] = c.inputs.map((l) => ({
    typeId: (c.types.get(l.typeCode) as TypeRef).id,
    ownerOrgId: c.owner.ownerOrgId,
    ownerUserId: c.owner.ownerUserId,
    title: l.title,
    titleEn: l.titleEn || null,
    description: l.description,
    capabilities: l.capabilities,
    totalQuantity: l.quantity,
    unit: l.unit,
    lat: l.lat,
    lng: l.lng,
    address: l.address,
    regionCode: l.regionCode ?? (nearestRegion(c.regions, l.lat, l.lng) as string),
    travelRange: l.travelRange,
    maxTravelKm: l.maxTravelKm,
    mobilizationMinutes: l.mobilizationMinutes,
    status: l.status,
    pricingMode: l.pricingMode,
    priceCents: l.priceCents,
    depositCents: l.depositCents,
    currency: l.currency,
  }));
  await db.$transaction(
    async (tx) => {
      await insertListings(tx, rows, CHUNK);
      const ownerId = c.owner.ownerOrgId ?? c.owner.ownerUserId;
      await recordAudit(tx, {
        actorId: actor.userId,
        orgId: c.owner.ownerOrgId,
        action: "listing.import",
        entityType: c.owner.ownerOrgId ? "Organization" : "User",
        entityId: ownerId,
        data: { count: rows.length, fileName: input.fileName, via: actor.via },
      });
      await tx.outboxEvent.create({
        data: { topic: "listing.imported", aggregateId: ownerId, payload: { count: rows.length, fileName: input.fileName } },
        select: { id: true },
      });
    },
    { timeout: 300_000, maxWait: 20_000 },
  );
  return { ok: true, imported: rows.length, total: c.total, errors: [], errorCount: 0, ms: ms() };
}
