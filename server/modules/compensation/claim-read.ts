import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { TClaimDto, TListClaimsInput } from "@/lib/schemas/compensation";

/**
 * Reading claims, scoped by the caller in the `where` clause: a supplier sees its own organisation's claims,
 * a requester its organisation's; an API key only its organisation's. Anything else reads as NOT_FOUND.
 */

export function myOrgIds(actor: Actor): string[] {
  if (actor.apiKey) return [actor.apiKey.orgId];
  return actor.memberships.map((m) => m.orgId);
}

export function claimScope(actor: Actor, side?: "supplier" | "requester"): Prisma.CompensationClaimWhereInput {
  const orgs = myOrgIds(actor);
  if (side === "supplier") return { supplierOrgId: { in: orgs } };
  if (side === "requester") return { requesterOrgId: { in: orgs } };
  return { OR: [{ supplierOrgId: { in: orgs } }, { requesterOrgId: { in: orgs } }] };
}

export const CLAIM_SELECT = {
  id: true, assignmentId: true, incidentId: true, supplierOrgId: true, requesterOrgId: true, mode: true, status: true, filedAt: true, paidAt: true, createdAt: true,
  assignment: { select: { resource: { select: { title: true } }, requisition: { select: { number: true } } } },
  lines: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true, kind: true, fromEvidence: true, description: true, quantity: true, unit: true, unitCents: true, amountCents: true, status: true,
      approvedCents: true, decisionReason: true, decidedAt: true, createdAt: true,
      receipts: { orderBy: { createdAt: "asc" }, select: { id: true, contentType: true, byteSize: true } },
    },
  },
} satisfies Prisma.CompensationClaimSelect;

type ClaimRow = Prisma.CompensationClaimGetPayload<{ select: typeof CLAIM_SELECT }>;

/** Approved (or adjusted) amount of a line; nothing for pending, disputed or donated lines. */
export function approvedOf(l: { status: string; approvedCents: number | null }): number {
  return l.status === "APPROVED" || l.status === "ADJUSTED" ? (l.approvedCents ?? 0) : 0;
}

export function toClaimDto(c: ClaimRow): TClaimDto {
  const { assignment, lines, ...rest } = c;
  return {
    ...rest,
    requisitionNumber: assignment.requisition?.number ?? null,
    resourceTitle: assignment.resource?.title ?? "",
    claimedCents: lines.reduce((s, l) => s + l.amountCents, 0),
    approvedCents: lines.reduce((s, l) => s + approvedOf(l), 0),
    lines,
  };
}

export async function getClaim(db: Db, actor: Actor, id: string): Promise<TClaimDto> {
  const row = await db.compensationClaim.findFirst({ where: { id, ...claimScope(actor) }, select: CLAIM_SELECT });
  if (!row) throw new AppError("NOT_FOUND", "This claim does not exist or is not yours.");
  return toClaimDto(row);
}

export async function getClaimOfAssignment(db: Db, actor: Actor, assignmentId: string): Promise<TClaimDto | null> {
  const row = await db.compensationClaim.findFirst({ where: { assignmentId, ...claimScope(actor) }, select: CLAIM_SELECT });
  return row ? toClaimDto(row) : null;
}

export async function listClaims(db: Db, actor: Actor, input: TListClaimsInput): Promise<TClaimDto[]> {
  const rows = await db.compensationClaim.findMany({
    where: { ...claimScope(actor, input.side), ...(input.incidentId ? { incidentId: input.incidentId } : {}) },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: CLAIM_SELECT,
  });
  return rows.map(toClaimDto);
}
