import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import {
  SCOPES_BY_ORG_KIND,
  type ApiKeyScope,
  type TCreateApiKeyInput,
  type TListApiKeysInput,
  type TRevokeApiKeyInput,
} from "@/lib/schemas/api-keys";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { generateApiKey } from "@/server/modules/api-keys/key-format";

/**
 * Organisation API keys. Managed by the organisation's OWNERs (and platform admins); another
 * organisation's keys are NOT_FOUND, never FORBIDDEN, so their existence does not leak.
 */
export type ApiKeyDto = {
  id: string;
  orgId: string;
  name: string;
  prefix: string;
  /** What the key may do (server/auth/api-scopes.ts); chosen at creation, never widened. */
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdByName: string | null;
};

export type CreatedApiKeyDto = ApiKeyDto & {
  /** The full key. Returned exactly once, at creation; only its hash is stored. */
  secret: string;
};

const DTO_SELECT = {
  id: true,
  orgId: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  createdBy: { select: { name: true } },
} as const;

type Row = Omit<ApiKeyDto, "createdByName"> & { createdBy: { name: string | null } };

function toDto(r: Row): ApiKeyDto {
  const { createdBy, ...rest } = r;
  return { ...rest, createdByName: createdBy.name };
}

/** Organisations whose keys this actor manages; null = all (platform admin). */
function managedOrgIds(actor: Actor): string[] | null {
  if (actor.via !== "session") return [];
  if (actor.roles.includes("ADMIN")) return null;
  return actor.memberships.filter((m) => m.orgRole === "OWNER").map((m) => m.orgId);
}

/** The organisation's kind, once the actor is known to manage it (else NOT_FOUND). */
async function assertManages(db: Db, actor: Actor, orgId: string): Promise<{ kind: keyof typeof SCOPES_BY_ORG_KIND }> {
  const ids = managedOrgIds(actor);
  if (ids === null || ids.includes(orgId)) {
    const org = await db.organization.findUnique({ where: { id: orgId }, select: { kind: true } });
    if (org) return org;
  }
  throw new AppError("NOT_FOUND", "Organisation not found.", { orgId: ["errors.orgNotFound"] });
}

/** Least privilege: a key may hold only scopes its organisation's kind can use. */
function assertScopesAllowed(kind: keyof typeof SCOPES_BY_ORG_KIND, scopes: ApiKeyScope[]): void {
  const allowed = SCOPES_BY_ORG_KIND[kind];
  const refused = scopes.filter((s) => !allowed.includes(s));
  if (refused.length) {
    throw new AppError("BAD_REQUEST", `Not available to this organisation: ${refused.join(", ")}.`, { scopes: ["errors.scopeNotAllowed"] });
  }
}

export async function createApiKey(db: Db, actor: Actor, input: TCreateApiKeyInput): Promise<CreatedApiKeyDto> {
  const org = await assertManages(db, actor, input.orgId);
  assertScopesAllowed(org.kind, input.scopes);
  const generated = generateApiKey();
  return inTransaction(db, async (tx) => {
    const row = await tx.apiKey.create({
      data: {
        orgId: input.orgId,
        name: input.name,
        prefix: generated.prefix,
        hashedKey: generated.hashedKey,
        scopes: input.scopes,
        createdById: actor.userId,
        expiresAt: input.expiresAt ?? null,
      },
      select: DTO_SELECT,
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      orgId: input.orgId,
      action: "apiKey.create",
      entityType: "ApiKey",
      entityId: row.id,
      data: { name: input.name, prefix: generated.prefix, scopes: input.scopes, expiresAt: input.expiresAt ?? null },
    });
    return { ...toDto(row), secret: generated.key };
  });
}

export async function listApiKeys(db: Db, actor: Actor, input: TListApiKeysInput): Promise<ApiKeyDto[]> {
  await assertManages(db, actor, input.orgId);
  const rows = await db.apiKey.findMany({
    where: { orgId: input.orgId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: DTO_SELECT,
  });
  return rows.map(toDto);
}

/** Idempotent: revoking a revoked key keeps its original revokedAt. */
export async function revokeApiKey(db: Db, actor: Actor, input: TRevokeApiKeyInput): Promise<ApiKeyDto> {
  const ids = managedOrgIds(actor);
  const scope = ids === null ? { id: input.id } : { id: input.id, orgId: { in: ids } };
  return inTransaction(db, async (tx) => {
    const existing = await tx.apiKey.findFirst({ where: scope, select: { id: true, orgId: true, revokedAt: true } });
    if (!existing) throw new AppError("NOT_FOUND", "API key not found.");
    if (existing.revokedAt) {
      return toDto(await tx.apiKey.findUniqueOrThrow({ where: { id: existing.id }, select: DTO_SELECT }));
    }
    const row = await tx.apiKey.update({ where: { id: existing.id }, data: { revokedAt: new Date() }, select: DTO_SELECT });
    await recordAudit(tx, {
      actorId: actor.userId,
      orgId: existing.orgId,
      action: "apiKey.revoke",
      entityType: "ApiKey",
      entityId: existing.id,
      data: { prefix: row.prefix },
    });
    return toDto(row);
  });
}
