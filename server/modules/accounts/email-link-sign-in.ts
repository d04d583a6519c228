import type { Db } from "@/server/db";
import { auditSignIn, auditSignInFailure } from "@/server/modules/accounts/sign-in-audit";

type LinkSignIn = { userId: string | undefined; email: string; ip: string | null };

/**
 * Following an emailed sign-in link (Auth.js signIn callback): only existing, enabled accounts may sign in
 * (Auth.js would otherwise create a user). A refusal is audited; the success is audited by
 * `recordEmailLinkSignIn` once Auth.js has opened the session.
 */
export async function allowEmailLinkSignIn(db: Db, link: LinkSignIn): Promise<boolean> {
  const row = link.userId ? await db.user.findUnique({ where: { id: link.userId }, select: { id: true, disabledAt: true } }) : null;
  if (row && !row.disabledAt) return true;
  await auditSignInFailure(db, {
    userId: row?.id ?? null,
    identifier: link.email.toLowerCase(),
    ip: link.ip,
    method: "emailLink",
    reason: row ? "disabled" : "unknownAccount",
  });
  return false;
}

export async function recordEmailLinkSignIn(db: Db, link: LinkSignIn & { userId: string }): Promise<void> {
  await auditSignIn(db, { userId: link.userId, identifier: link.email.toLowerCase(), ip: link.ip, method: "emailLink" });
}
