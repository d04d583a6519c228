import type { Db } from "@/server/db";
import { ZCreateAdminInput, type TCreateAdminInput } from "@/lib/schemas/auth";
import { AppError } from "@/server/errors";
import { hashPassword } from "@/server/auth/password";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { inTransaction } from "@/server/modules/accounts/transaction";

export type CreateAdminResult = { userId: string; created: boolean };

/**
 * Creates a platform admin, or promotes the account with that email and resets its password — so the
 * seed and `npm run admin:create` can both be re-run safely. Input is validated here too because
 * scripts call it directly (the password policy applies to admins as to everyone).
 */
export async function createAdmin(db: Db, raw: TCreateAdminInput | Record<string, unknown>): Promise<CreateAdminResult> {
  const parsed = ZCreateAdminInput.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
    throw new AppError("BAD_REQUEST", "Invalid admin details.", fieldErrors);
  }
  const input = parsed.data;
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (input.phone) {
      const phoneOwner = await tx.user.findUnique({ where: { phone: input.phone }, select: { id: true } });
      if (phoneOwner && phoneOwner.id !== existing?.id) {
        throw new AppError("CONFLICT", "That phone number belongs to another account.", { phone: ["errors.phoneTaken"] });
      }
    }
    const data = {
      name: input.name ?? (existing ? undefined : "Admin"),
      passwordHash,
      platformRole: "ADMIN" as const,
      kind: "ADMIN" as const,
      failedLoginCount: 0,
      lockedUntil: null,
      disabledAt: null,
      ...(input.phone ? { phone: input.phone } : {}),
    };
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data, select: { id: true } })
      : await tx.user.create({ data: { ...data, email: input.email }, select: { id: true } });
    await recordAudit(tx, {
      actorId: null,
      action: existing ? "admin.promote" : "admin.create",
      entityType: "User",
      entityId: user.id,
      data: { email: input.email },
    });
    return { userId: user.id, created: !existing };
  });
}
