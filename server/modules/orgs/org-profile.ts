import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { orgIdentitySelect } from "@/server/modules/orgs/org-identity-select";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { MANAGER_ROLES, requireOrgRole } from "@/server/modules/orgs/org-access";
import { changedFields } from "@/server/modules/catalogue/manage-resource-types";
import type { TOrgProfileDto, TOrgRef, TUpdateOrgProfileInput } from "@/lib/schemas/org";

/** An organisation's own profile: every member reads it; owners and dispatchers change it. */

const profileSelect = {
  ...orgIdentitySelect,
  address: true,
  description: true,
  verification: true,
  rejectionReason: true,
  requiresNeedApproval: true,
} satisfies Prisma.OrganizationSelect;

export async function getOrgProfile(db: Db, actor: Actor, input: TOrgRef): Promise<TOrgProfileDto> {
  const access = await requireOrgRole(db, actor, input.orgId);
  const org = await db.organization.findUniqueOrThrow({ where: { id: input.orgId }, select: profileSelect });
  return { ...org, myRole: access.role };
}

function invalid(field: string, key: string): AppError {
  return new AppError("UNPROCESSABLE_CONTENT", "Please correct the highlighted fields.", { [field]: [key] });
}

export async function updateOrgProfile(db: Db, actor: Actor, input: TUpdateOrgProfileInput): Promise<TOrgProfileDto> {
  const access = await requireOrgRole(db, actor, input.orgId, MANAGER_ROLES);
  const region = await db.region.findUnique({ where: { code: input.regionCode }, select: { code: true } });
  if (!region) throw invalid("regionCode", "errors.regionUnknown");
  return inTransaction(db, async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({
      where: { id: input.orgId },
      select: { kind: true, name: true, nameEn: true, regionCode: true, contactName: true, contactPhone: true, contactEmail: true, address: true, description: true, requiresNeedApproval: true },
    });
    if (input.requiresNeedApproval !== undefined && before.kind !== "GOVERNMENT" && input.requiresNeedApproval) {
      throw invalid("requiresNeedApproval", "errors.approvalGovernmentOnly");
    }
    const data = {
      name: input.name,
      nameEn: input.nameEn,
      regionCode: input.regionCode,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      contactEmail: input.contactEmail,
      address: input.address,
      description: input.description,
      // A form without the checkbox (non-government org) leaves the setting as it is.
      requiresNeedApproval: before.kind === "GOVERNMENT" ? (input.requiresNeedApproval ?? false) : before.requiresNeedApproval,
    };
    const changed = changedFields(before, data);
    const org = await tx.organization.update({ where: { id: input.orgId }, data, select: profileSelect });
    await recordAudit(tx, {
      actorId: actor.userId,
      orgId: input.orgId,
      action: "org.updateProfile",
      entityType: "Organization",
      entityId: input.orgId,
      data: { changed },
    });
    return { ...org, myRole: access.role };
  });
}
