import type { TNeedDto, TNeedPriority, TPaymentMode } from "@/lib/schemas/needs";
import { knightTaskValuesToInput, needToKnightTaskValues, type KnightTaskValues } from "@/components/needs/knight-task-form-state";

/** The need form's fields as the inputs hold them (strings), and the conversions to and from the DTO. */
export type NeedFormValues = {
  typeId: string;
  title: string;
  quantity: string;
  unit: string;
  priority: TNeedPriority;
  paymentMode: TPaymentMode;
  neededBy: string;
  durationHours: string;
  maxDistanceKm: string;
  stagingAddress: string;
  stagingLat: number | null;
  stagingLng: number | null;
  notes: string;
  capabilities: Record<string, string>;
  /** The knight-task fields; null unless the need is of category KNIGHT. */
  knightTask: KnightTaskValues | null;
};

const pad = (v: number) => String(v).padStart(2, "0");

/** A Date as the value of <input type="datetime-local"> in the browser's time zone. */
export function toLocalInput(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function emptyNeedValues(staging: { lat: number; lng: number; address: string }, now = new Date()): NeedFormValues {
  return {
    typeId: "",
    title: "",
    quantity: "1",
    unit: "unit",
    priority: "URGENT",
    paymentMode: "PUBLIC_GOOD",
    neededBy: toLocalInput(new Date(now.getTime() + 6 * 3600_000)),
    durationHours: "12",
    maxDistanceKm: "100",
    stagingAddress: staging.address,
    stagingLat: staging.lat,
    stagingLng: staging.lng,
    notes: "",
    capabilities: {},
    knightTask: null,
  };
}

export function needToValues(n: TNeedDto): NeedFormValues {
  return {
    typeId: n.typeId ?? "",
    title: n.title,
    quantity: String(n.quantity),
    unit: n.unit,
    priority: n.priority,
    paymentMode: n.paymentMode,
    neededBy: toLocalInput(n.neededBy),
    durationHours: String(Math.round((n.durationMinutes / 60) * 100) / 100),
    maxDistanceKm: String(n.maxDistanceKm),
    stagingAddress: n.stagingAddress,
    stagingLat: n.stagingLat,
    stagingLng: n.stagingLng,
    notes: n.notes ?? "",
    capabilities: Object.fromEntries(Object.entries(n.requiredCapabilities).map(([k, v]) => [k, String(v)])),
    knightTask: n.category === "KNIGHT" ? needToKnightTaskValues(n) : null,
  };
}

const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

/** The fields both need.create and need.update take, parsed from the form (the zod schema judges them). */
export function valuesToInput(v: NeedFormValues) {
  const caps: Record<string, number> = {};
  for (const [k, s] of Object.entries(v.capabilities)) if (s.trim() !== "") caps[k] = num(s);
  return {
    title: v.title.trim(),
    quantity: num(v.quantity),
    unit: v.unit,
    priority: v.priority,
    paymentMode: v.paymentMode,
    neededBy: v.neededBy ? new Date(v.neededBy) : undefined,
    durationMinutes: Math.round(num(v.durationHours) * 60),
    maxDistanceKm: num(v.maxDistanceKm),
    stagingAddress: v.stagingAddress.trim(),
    stagingLat: v.stagingLat ?? undefined,
    stagingLng: v.stagingLng ?? undefined,
    notes: v.notes.trim() || null,
    requiredCapabilities: caps,
    ...(v.knightTask ? knightTaskValuesToInput(v.knightTask) : {}),
  };
}

/** Server/zod error paths → the form's field ids. */
export function formErrorKey(path: string): string {
  if (path === "stagingLat" || path === "stagingLng") return "staging";
  if (path === "durationMinutes") return "durationHours";
  if (path.startsWith("requiredCapabilities.")) return `cap.${path.slice("requiredCapabilities.".length)}`;
  return path;
}

/** For an edit, only what changed (an untouched needed-by that has since passed must not block a quantity edit). */
export function changedFields(before: NeedFormValues, after: NeedFormValues): Partial<ReturnType<typeof valuesToInput>> {
  const a = valuesToInput(before) as Record<string, unknown>;
  const b = valuesToInput(after) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(b)) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) out[k] = b[k];
  // The staging point moves as a pair.
  if ("stagingLat" in out || "stagingLng" in out) Object.assign(out, { stagingLat: b.stagingLat, stagingLng: b.stagingLng });
  if ("pickupLat" in out || "pickupLng" in out) Object.assign(out, { pickupLat: b.pickupLat, pickupLng: b.pickupLng });
  return out as Partial<ReturnType<typeof valuesToInput>>;
}
