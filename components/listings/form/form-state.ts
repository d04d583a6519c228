import type { TListingDto, TListingInput } from "@/lib/schemas/listings";

/**
 * The listing form's state (strings, as typed) and its conversion to the shared ZListingInput shape.
 * Nothing is validated here: the server runs the same zod schema and validators and answers field
 * errors keyed like the input (`capabilities.flow_m3h`, `availabilityWindows.0.endMinute`, …).
 */

export type WindowState = { kind: "WEEKLY" | "BLACKOUT" | "DATED"; weekday: string; start: string; end: string; startsAt: string; endsAt: string };
export type CredentialState = { kind: string; number: string; issuer: string; validFrom: string; validUntil: string };

export type ListingFormState = {
  orgId: string;
  category: string;
  typeCode: string;
  title: string;
  titleEn: string;
  description: string;
  caps: Record<string, string>;
  quantity: string;
  unit: string;
  lat: string;
  lng: string;
  address: string;
  travelRange: TListingInput["travelRange"];
  maxTravelKm: string;
  mobilizationMinutes: string;
  status: TListingInput["status"];
  pricingMode: TListingInput["pricingMode"];
  priceYuan: string;
  depositYuan: string;
  windows: WindowState[];
  credentials: CredentialState[];
};

export const emptyForm: ListingFormState = {
  orgId: "", category: "", typeCode: "", title: "", titleEn: "", description: "", caps: {}, quantity: "1", unit: "", lat: "", lng: "", address: "",
  travelRange: "CITY", maxTravelKm: "100", mobilizationMinutes: "60", status: "DRAFT", pricingMode: "FREE", priceYuan: "0", depositYuan: "0",
  windows: [], credentials: [],
};

export const newWeekly = (): WindowState => ({ kind: "WEEKLY", weekday: "1", start: "08:00", end: "18:00", startsAt: "", endsAt: "" });
export const newBlackout = (): WindowState => ({ kind: "BLACKOUT", weekday: "", start: "", end: "", startsAt: "", endsAt: "" });
export const newCredential = (): CredentialState => ({ kind: "", number: "", issuer: "", validFrom: "", validUntil: "" });

const SHANGHAI_MS = 8 * 3600 * 1000;

/** An instant → its calendar day in China (YYYY-MM-DD). */
export function shanghaiDay(iso: string | null): string {
  if (!iso) return "";
  return new Date(Date.parse(iso) + SHANGHAI_MS).toISOString().slice(0, 10);
}

function clock(minutes: number | null): string {
  if (minutes === null) return "";
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

function minutes(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** "" → undefined (the schema then says "required"); anything else → a number (NaN → "must be a number"). */
function num(text: string): number | undefined {
  return text.trim() === "" ? undefined : Number(text);
}

function fen(text: string): number | undefined {
  const n = num(text);
  return n === undefined || Number.isNaN(n) ? n : Math.round(n * 100);
}

export function formFromDto(dto: TListingDto): ListingFormState {
  return {
    orgId: dto.ownerOrgId ?? "",
    category: dto.type.category,
    typeCode: dto.type.code,
    title: dto.title,
    titleEn: dto.titleEn ?? "",
    description: dto.description,
    caps: Object.fromEntries(Object.entries(dto.capabilities).map(([k, v]) => [k, String(v)])),
    quantity: String(dto.quantity),
    unit: dto.unit,
    lat: String(dto.lat),
    lng: String(dto.lng),
    address: dto.address,
    travelRange: dto.travelRange,
    maxTravelKm: String(dto.maxTravelKm),
    mobilizationMinutes: String(dto.mobilizationMinutes),
    status: dto.status,
    pricingMode: dto.pricingMode,
    priceYuan: (dto.priceCents / 100).toString(),
    depositYuan: (dto.depositCents / 100).toString(),
    windows: dto.availabilityWindows.map((w) => ({
      kind: w.kind,
      weekday: w.weekday === null ? "" : String(w.weekday),
      start: clock(w.startMinute),
      end: clock(w.endMinute),
      startsAt: shanghaiDay(w.startsAt),
      endsAt: shanghaiDay(w.endsAt === null ? null : new Date(Date.parse(w.endsAt) - 1000).toISOString()),
    })),
    credentials: dto.credentials.map((c) => ({
      kind: c.kind, number: c.number, issuer: c.issuer, validFrom: shanghaiDay(c.validFrom), validUntil: shanghaiDay(c.validUntil),
    })),
  };
}

/** Form → the shared input. Blackout days are whole days in China time (end day inclusive). */
export function formToInput(s: ListingFormState): Record<string, unknown> {
  const caps: Record<string, number> = {};
  for (const [k, v] of Object.entries(s.caps)) if (v.trim() !== "") caps[k] = Number(v);
  const day = (d: string, end: boolean) => (d ? `${d}T${end ? "23:59:59" : "00:00:00"}+08:00` : undefined);
  return {
    orgId: s.orgId || undefined,
    typeCode: s.typeCode,
    title: s.title,
    titleEn: s.titleEn,
    description: s.description,
    capabilities: caps,
    quantity: num(s.quantity),
    unit: s.unit,
    lat: num(s.lat),
    lng: num(s.lng),
    address: s.address,
    travelRange: s.travelRange,
    maxTravelKm: num(s.maxTravelKm),
    mobilizationMinutes: num(s.mobilizationMinutes),
    status: s.status,
    pricingMode: s.pricingMode,
    priceCents: fen(s.priceYuan) ?? 0,
    depositCents: fen(s.depositYuan) ?? 0,
    currency: "CNY",
    availabilityWindows: s.windows.map((w) =>
      w.kind === "WEEKLY"
        ? { kind: w.kind, weekday: num(w.weekday), startMinute: minutes(w.start), endMinute: minutes(w.end) }
        : { kind: w.kind, startsAt: day(w.startsAt, false), endsAt: day(w.endsAt, true) },
    ),
    credentials: s.credentials.map((c) => ({
      kind: c.kind, number: c.number, issuer: c.issuer, validFrom: c.validFrom || undefined, validUntil: c.validUntil || undefined,
    })),
  };
}
