import type { Prisma } from "@/server/generated/prisma/client";
import type { TNeedDto } from "@/lib/schemas/needs";
import { fillPct } from "@/server/modules/needs/need-state";

/** The requester-side need DTO (notes included: only the owning organisation and admins read it). */
export const needSelect = {
  id: true,
  incidentId: true,
  typeId: true,
  type: { select: { id: true, code: true, nameZh: true, nameEn: true } },
  category: true,
  freeText: true,
  title: true,
  requiredCapabilities: true,
  quantity: true,
  unit: true,
  stagingLat: true,
  stagingLng: true,
  stagingAddress: true,
  neededBy: true,
  durationMinutes: true,
  priority: true,
  paymentMode: true,
  maxDistanceKm: true,
  notes: true,
  status: true,
  qtyCommitted: true,
  qtyEnRoute: true,
  qtyOnScene: true,
  qtyReleased: true,
  unmetReason: true,
  unmetNote: true,
  taskKind: true,
  pickupLat: true,
  pickupLng: true,
  pickupAddress: true,
  cargoKg: true,
  cargoVolumeL: true,
  requiredVehicle: true,
  requiredTrainings: true,
  rewardPoints: true,
  approvedAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.NeedSelect;

export type NeedRow = Prisma.NeedGetPayload<{ select: typeof needSelect }>;

/** requiredCapabilities is JSON; keep only numeric entries. */
export function parseCapabilities(json: Prisma.JsonValue): Record<string, number> {
  if (!json || typeof json !== "object" || Array.isArray(json)) return {};
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(json)) if (typeof v === "number" && Number.isFinite(v)) out[k] = v;
  return out;
}

export function toNeedDto(row: NeedRow): TNeedDto {
  const { qtyCommitted, qtyEnRoute, qtyOnScene, qtyReleased, requiredCapabilities, ...rest } = row;
  const buckets = { committed: qtyCommitted, enRoute: qtyEnRoute, onScene: qtyOnScene, released: qtyReleased };
  return {
    ...rest,
    requiredCapabilities: parseCapabilities(requiredCapabilities),
    requested: row.quantity,
    ...buckets,
    fillPct: fillPct(row.quantity, buckets),
  };
}
