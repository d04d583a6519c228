/** Shapes of the hand-written incident scenarios (incidents-past.ts, incidents-active.ts). */
export type IncidentKindName =
  | "TYPHOON" | "FLOOD" | "GEOLOGICAL" | "FOREST_FIRE" | "HAZMAT" | "DUST_EXPLOSION" | "GAS"
  | "BUILDING_FIRE" | "STRUCTURAL_COLLAPSE" | "PUBLIC_HEALTH" | "TRAFFIC" | "OTHER";
export type NeedStatusName = "DRAFT" | "PENDING_APPROVAL" | "OPEN" | "PARTIALLY_FILLED" | "FILLED" | "CLOSED" | "CANCELLED";
export type UnmetReasonName = "NO_SUPPLIER_IN_RANGE" | "ALL_BUSY" | "DECLINED" | "TOO_LATE" | "CANCELLED_BY_REQUESTER" | "OTHER";
export type PriorityName = "LIFE_SAFETY" | "URGENT" | "ROUTINE";

export interface KnightTaskSpec {
  taskKind: "DELIVERY" | "ERRAND" | "RECON";
  pickupZh: string;
  cargoKg: number;
  cargoVolumeL?: number;
  requiredVehicle?: ("ON_FOOT" | "EBIKE" | "MOTORCYCLE" | "CAR" | "VAN")[];
  requiredTrainings?: string[];
  rewardPoints: number;
}

export interface NeedSpec {
  typeCode: string;
  /** Overrides the generated "<type> × n" title. */
  title?: string;
  quantity: number;
  priority?: PriorityName;
  status: NeedStatusName;
  /** Units committed (accepted or later). Defaults: FILLED/CLOSED → quantity, OPEN → 0. */
  committed?: number;
  enRoute?: number;
  onScene?: number;
  released?: number;
  unmetReason?: UnmetReasonName;
  unmetNote?: string;
  /** Needed-by, hours after the incident start (past incidents) or after "now" (live ones). */
  neededInHours: number;
  durationHours: number;
  paymentMode?: "PUBLIC_GOOD" | "PAID" | "REIMBURSABLE";
  maxDistanceKm?: number;
  requiredCapabilities?: Record<string, number>;
  notes?: string;
  knight?: KnightTaskSpec;
}

export interface IncidentScenario {
  key: string;
  title: string;
  kind: IncidentKindName;
  severity: "I" | "II" | "III" | "IV";
  status: "DRAFT" | "ACTIVE" | "CONTAINED" | "CLOSED";
  regionCode: string;
  /** Slug of the commanding government organisation. */
  orgSlug: string;
  /** Past incidents: fixed ISO instants. */
  startedAt?: string;
  closedAt?: string;
  /** Live incidents: hours before "now". */
  startedHoursAgo?: number;
  description: string;
  /** Offset of the incident point from the region centre, km (east, north). */
  offsetKm?: [number, number];
  addressZh: string;
  areaRadiusKm?: number;
  hazard?: { name: string; radiusKm: number; severity: "I" | "II" | "III" | "IV"; requiredTraining?: string };
  supporters?: { slug: string; role: string }[];
  needs: NeedSpec[];
}
