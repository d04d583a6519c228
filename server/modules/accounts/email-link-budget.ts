import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";

/** Outstanding (unexpired) sign-in links per address before we stop issuing more. */
export const MAX_OUTSTANDING_EMAIL_LINKS = 3;

/**
 * Throttles sign-in link requests per address, counting unexpired VerificationToken rows. Auth.js
 * writes one for every request — known address or not — so the answer reveals nothing about accounts.
 */
export async function assertEmailLinkBudget(db: Db, email: string, now = new Date()): Promise<void> {
  const outstanding = await db.verificationToken.count({ where: { identifier: email, expires: { gt: now } } });
  if (outstanding >= MAX_OUTSTANDING_EMAIL_LINKS) {
    throw new AppError("TOO_MANY_REQUESTS", "Several sign-in links were sent recently. Use one of them or try again later.", {
      email: ["errors.tooManyLinks"],
    });
  }
}
