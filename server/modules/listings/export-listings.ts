import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { writableWhere } from "@/server/modules/listings/listing-access";
import { readCapabilities } from "@/server/modules/listings/listing-dto";
import { TEMPLATE_EXAMPLE, toCsv, toCsvRecord } from "@/server/modules/listings/csv-rows";

/** The caller's listings as CSV in the import template's columns (an export imports again). */
export async function exportListingsCsv(db: Db, actor: Actor): Promise<{ fileName: string; csv: string; count: number }> {
  const rows = await db.resource.findMany({
    where: writableWhere(actor),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      type: { select: { code: true } },
      title: true, titleEn: true, description: true, totalQuantity: true, unit: true, lat: true, lng: true, address: true, regionCode: true,
      travelRange: true, maxTravelKm: true, mobilizationMinutes: true, pricingMode: true, priceCents: true, depositCents: true,
      capabilities: true, status: true,
    },
  });
  const csv = toCsv(
    rows.map((r) => toCsvRecord({ ...r, typeCode: r.type.code, quantity: r.totalQuantity, capabilities: readCapabilities(r.capabilities) })),
  );
  const date = new Date().toISOString().slice(0, 10);
  return { fileName: `muster-listings-${date}.csv`, csv: `\uFEFF${csv}\n`, count: rows.length };
}

/** The import template: the header row and one example row. */
export function importTemplateCsv(): string {
  return `\uFEFF${toCsv([TEMPLATE_EXAMPLE])}\n`;
}
