import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { incidentScope } from "@/server/modules/incidents/access";
import { parseCapabilities } from "@/server/modules/needs/need-dto";
import type { MatchNeed } from "@/server/modules/matching/match-types";

export const matchNeedSelect = {
  id: true,
  incidentId: true,
  title: true,
  status: true,
  typeId: true,
  type: { select: { code: true, kind: true, typeLevel: true, nameZh: true, nameEn: true } },
  category: true,
  requiredCapabilities: true,
  quantity: true,
  unit: true,
  qtyCommitted: true,
  qtyEnRoute: true,
  qtyOnScene: true,
  qtyReleased: true,
  stagingLat: true,
  stagingLng: true,
  neededBy: true,
  durationMinutes: true,
  maxDistanceKm: true,
  paymentMode: true,
  priority: true,
} as const;

export type MatchNeedInfo = MatchNeed & {
  incidentId: string;
  title: string;
  status: string;
  unit: string;
  quantity: number;
  typeCode: string | null;
  typeNameZh: string | null;
  typeNameEn: string | null;
};

/**
 * The need in matcher shape. With an actor, the need must be on an incident the caller can read (the
 * incidents module's rules: owning government organisation's members, admins, a key for its own org);
 * anything else is NOT_FOUND. Without an actor (jobs, the solver), it is read unscoped.
 */
export async function loadMatchNeed(db: Db, needId: string, actor?: Actor): Promise<MatchNeedInfo> {
  const where = actor ? { id: needId, incident: incidentScope(actor) } : { id: needId };
  const n = await db.need.findFirst({ where, select: matchNeedSelect });
  if (!n) throw new AppError("NOT_FOUND", "This need does not exist or is not yours to see.");
  const filled = n.qtyCommitted + n.qtyEnRoute + n.qtyOnScene + n.qtyReleased;
  return {
    id: n.id,
    incidentId: n.incidentId,
    title: n.title,
    status: n.status,
    unit: n.unit,
    quantity: n.quantity,
    typeId: n.typeId,
    typeCode: n.type?.code ?? null,
    typeNameZh: n.type?.nameZh ?? null,
    typeNameEn: n.type?.nameEn ?? null,
    category: n.category,
    typeKind: n.type?.kind ?? null,
    typeLevel: n.type?.typeLevel ?? null,
    requiredCapabilities: parseCapabilities(n.requiredCapabilities),
    quantityOpen: Math.max(0, n.quantity - filled),
    stagingLat: n.stagingLat,
    stagingLng: n.stagingLng,
    neededBy: n.neededBy,
    durationMinutes: n.durationMinutes,
    maxDistanceKm: n.maxDistanceKm,
    paymentMode: n.paymentMode,
    priority: n.priority,
  };
}
