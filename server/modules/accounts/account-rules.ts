import type { Db } from "@/server/db";
import { AppError, type FieldErrors } from "@/server/errors";
import { uniqueViolationFields } from "@/server/modules/accounts/transaction";

/** Field errors are message keys in the "auth" namespace; the forms translate them. */
export function fieldError(field: string, key: string, message = "Please correct the highlighted fields."): AppError {
  return new AppError("UNPROCESSABLE_CONTENT", message, { [field]: [key] });
}

/**
 * Rejects an email / phone / credit code that is already taken, naming each field. Checked before the
 * write for friendly errors; the unique indexes still decide under races (see mapUniqueViolation).
 */
export async function assertAccountFree(
  db: Db,
  input: { email: string; phone?: string; creditCode?: string; creditCodeField?: string },
): Promise<void> {
  const errors: FieldErrors = {};
  const or: Array<{ email: string } | { phone: string }> = [{ email: input.email }];
  if (input.phone) or.push({ phone: input.phone });
  const taken = await db.user.findMany({ where: { OR: or }, select: { email: true, phone: true }, take: 2 });
  if (taken.some((u) => u.email === input.email)) errors.email = ["errors.emailTaken"];
  if (input.phone && taken.some((u) => u.phone === input.phone)) errors.phone = ["errors.phoneTaken"];
  if (input.creditCode) {
    const org = await db.organization.findUnique({ where: { unifiedSocialCreditCode: input.creditCode }, select: { id: true } });
    if (org) errors[input.creditCodeField ?? "unifiedSocialCreditCode"] = ["errors.creditCodeTaken"];
  }
  if (Object.keys(errors).length) throw new AppError("CONFLICT", "An account with these details already exists.", errors);
}

/** Turns a unique-index violation from a concurrent sign-up into the same field errors. */
export function mapUniqueViolation(e: unknown, creditCodeField = "unifiedSocialCreditCode"): never {
  const fields = uniqueViolationFields(e);
  if (!fields) throw e;
  const errors: FieldErrors = {};
  if (fields.includes("email")) errors.email = ["errors.emailTaken"];
  if (fields.includes("phone")) errors.phone = ["errors.phoneTaken"];
  if (fields.some((f) => f.includes("social_credit") || f.includes("SocialCredit"))) errors[creditCodeField] = ["errors.creditCodeTaken"];
  if (!Object.keys(errors).length) throw e;
  throw new AppError("CONFLICT", "An account with these details already exists.", errors);
}

/** The region must exist (and, for a home district, be below province level). */
export async function assertRegion(db: Db, code: string, field: string, opts: { belowProvince?: boolean } = {}): Promise<void> {
  const region = await db.region.findUnique({ where: { code }, select: { level: true } });
  if (!region || (opts.belowProvince && region.level === "PROVINCE")) throw fieldError(field, "errors.regionUnknown");
}
