import Papa from "papaparse";
import { ZListingInput, type TImportRowError, type TListingInput } from "@/lib/schemas/listings";
import { validateListing, type ListingTypeRules } from "@/server/modules/listings/validate-listing";

/**
 * CSV import/export rows (pure). One row = one listing; the same zod schema and the same validators as
 * the form check every row. Availability windows and credentials are not part of the CSV: edit them in
 * the form after importing.
 */

export const CSV_COLUMNS = [
  "typeCode", "title", "titleEn", "description", "quantity", "unit", "lat", "lng", "address", "regionCode", "travelRange",
  "maxTravelKm", "mobilizationMinutes", "pricingMode", "priceYuan", "depositYuan", "capabilities", "status",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export type CsvRecord = Partial<Record<CsvColumn, string>>;

const REQUIRED: CsvColumn[] = ["typeCode", "title", "quantity", "unit", "lat", "lng", "address", "travelRange", "maxTravelKm", "mobilizationMinutes"];

/** Input field path → the CSV column it came from. */
function columnOf(path: string): string {
  const head = path.split(".")[0];
  if (head === "priceCents") return "priceYuan";
  if (head === "depositCents") return "depositYuan";
  if (head === "capabilities") return path;
  return head;
}

export function parseCsv(text: string): { header: string[]; records: CsvRecord[] } {
  const res = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: "greedy", transformHeader: (h) => h.trim() });
  return { header: res.meta.fields ?? [], records: res.data as CsvRecord[] };
}

export function headerErrors(header: readonly string[]): TImportRowError[] {
  return REQUIRED.filter((c) => !header.includes(c)).map((c) => ({ row: 1, column: c, message: `The header row has no "${c}" column: start from the template.` }));
}

/** "flow_m3h=800;head_m=12" → { flow_m3h: 800, head_m: 12 }; bad pairs become errors. */
export function parseCapabilities(text: string): { value: Record<string, number>; errors: string[] } {
  const value: Record<string, number> = {};
  const errors: string[] = [];
  for (const part of text.split(";").map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf("=");
    const key = eq > 0 ? part.slice(0, eq).trim() : "";
    const num = eq > 0 ? Number(part.slice(eq + 1).trim()) : NaN;
    if (!key || part.slice(eq + 1).trim() === "" || !Number.isFinite(num)) errors.push(`"${part}" is not key=number.`);
    else value[key] = num;
  }
  return { value, errors };
}

function num(text: string | undefined): number | undefined {
  const t = (text ?? "").trim();
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : NaN;
}

/** Yuan with at most 2 decimals → fen. */
function yuanToFen(text: string | undefined): number | undefined {
  const n = num(text);
  if (n === undefined || Number.isNaN(n)) return n;
  return Math.round(n * 100);
}

function blankToUndefined(text: string | undefined): string | undefined {
  const t = (text ?? "").trim();
  return t === "" ? undefined : t;
}

export type RowContext = {
  types: ReadonlyMap<string, ListingTypeRules & { code: string }>;
  regionCodes: ReadonlySet<string>;
  /** null = individual expert owner */
  orgVerification: "PENDING" | "VERIFIED" | "REJECTED" | null;
};

/** One CSV record → a valid listing input, or its errors (row = line number in the file, header = 1). */
export function validateCsvRecord(rec: CsvRecord, row: number, ctx: RowContext): { input?: TListingInput; errors: TImportRowError[] } {
  const errors: TImportRowError[] = [];
  const caps = parseCapabilities(rec.capabilities ?? "");
  for (const m of caps.errors) errors.push({ row, column: "capabilities", message: m });
  const price = yuanToFen(rec.priceYuan);
  const deposit = yuanToFen(rec.depositYuan);
  const raw = {
    typeCode: blankToUndefined(rec.typeCode),
    title: rec.title ?? "",
    titleEn: rec.titleEn ?? "",
    description: rec.description ?? "",
    capabilities: caps.value,
    quantity: num(rec.quantity),
    unit: blankToUndefined(rec.unit),
    lat: num(rec.lat),
    lng: num(rec.lng),
    address: rec.address ?? "",
    regionCode: blankToUndefined(rec.regionCode),
    travelRange: blankToUndefined(rec.travelRange)?.toUpperCase(),
    maxTravelKm: num(rec.maxTravelKm),
    mobilizationMinutes: num(rec.mobilizationMinutes),
    pricingMode: blankToUndefined(rec.pricingMode)?.toUpperCase(),
    priceCents: price,
    depositCents: deposit,
    status: blankToUndefined(rec.status)?.toUpperCase(),
  };
  const parsed = ZListingInput.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push({ row, column: columnOf(issue.path.join(".")), message: issue.message });
    return { errors };
  }
  const input = parsed.data;
  const type = ctx.types.get(input.typeCode);
  if (!type) {
    errors.push({ row, column: "typeCode", message: `There is no listable resource type "${input.typeCode}".` });
    return { errors };
  }
  for (const [path, msgs] of Object.entries(validateListing(input, type))) {
    for (const message of msgs) errors.push({ row, column: columnOf(path), message });
  }
  if (input.regionCode && !ctx.regionCodes.has(input.regionCode)) {
    errors.push({ row, column: "regionCode", message: `Unknown region code ${input.regionCode}.` });
  }
  if (input.status === "AVAILABLE" && ctx.orgVerification !== null && ctx.orgVerification !== "VERIFIED") {
    errors.push({ row, column: "status", message: "Your organisation is not verified yet: import as DRAFT." });
  }
  return errors.length ? { errors } : { input, errors };
}

/** A listing → one CSV record in the template's columns (so an export imports again). */
export function toCsvRecord(l: {
  typeCode: string; title: string; titleEn: string | null; description: string; quantity: number; unit: string; lat: number; lng: number;
  address: string; regionCode: string; travelRange: string; maxTravelKm: number; mobilizationMinutes: number;
  pricingMode: string; priceCents: number; depositCents: number; capabilities: Record<string, number>; status: string;
}): Record<CsvColumn, string | number> {
  return {
    typeCode: l.typeCode,
    title: l.title,
    titleEn: l.titleEn ?? "",
    description: l.description,
    quantity: l.quantity,
    unit: l.unit,
    lat: l.lat,
    lng: l.lng,
    address: l.address,
    regionCode: l.regionCode,
    travelRange: l.travelRange,
    maxTravelKm: l.maxTravelKm,
    mobilizationMinutes: l.mobilizationMinutes,
    pricingMode: l.pricingMode,
    priceYuan: (l.priceCents / 100).toFixed(2),
    depositYuan: (l.depositCents / 100).toFixed(2),
    capabilities: Object.entries(l.capabilities).map(([k, v]) => `${k}=${v}`).join(";"),
    status: l.status,
  };
}

export function toCsv(records: readonly Record<CsvColumn, string | number>[]): string {
  return Papa.unparse({ fields: [...CSV_COLUMNS], data: records.map((r) => CSV_COLUMNS.map((c) => r[c])) }, { newline: "\n" });
}

export const TEMPLATE_EXAMPLE: Record<CsvColumn, string | number> = {
  typeCode: "EQ-PUMP-3", title: "便携式排水泵 200 m³/h", titleEn: "Portable drainage pump, 200 m³/h", description: "柴油驱动，含 50 m 水带", quantity: 4, unit: "unit",
  lat: 32.0415, lng: 118.7845, address: "南京市秦淮区中华路 100 号", regionCode: "", travelRange: "CITY", maxTravelKm: 80,
  mobilizationMinutes: 60, pricingMode: "DAILY", priceYuan: "800.00", depositYuan: "2000.00", capabilities: "flow_m3h=220;head_m=8;runtime_h=12",
  status: "DRAFT",
};
