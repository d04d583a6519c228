import { createTransport } from "nodemailer";
import { env } from "@/lib/env";
import { defaultLocale } from "@/lib/i18n/config";
import { localizedName } from "@/lib/i18n/localized-name";

/** The prefix operators grep for when SMTP is not configured (as with sign-in links). */
export const INVITATION_LINK_LOG_PREFIX = "[muster] invitation link for";

/**
 * Sends the invitation link. Without SMTP_URL the link goes to the server log, like sign-in links
 * (server/auth/email-link.ts). Called after the invitation is committed; a delivery failure is logged,
 * not thrown — the inviter still has the link on screen.
 */
export async function sendInvitationEmail(opts: { to: string; orgName: string; orgNameEn?: string | null; path: string }): Promise<void> {
  // the mail is in both languages: its English half names the organisation in English when it can
  const nameEn = localizedName("en", opts.orgName, opts.orgNameEn);
  const url = `${env.APP_URL.replace(/\/$/, "")}/${defaultLocale}${opts.path}`;
  if (!env.SMTP_URL) {
    console.info(`${INVITATION_LINK_LOG_PREFIX} ${opts.to} (${opts.orgName}): ${url}`);
    return;
  }
  try {
    await createTransport(env.SMTP_URL).sendMail({
      to: opts.to,
      from: env.EMAIL_FROM,
      subject: `邀请加入「${opts.orgName}」 · Invitation to join ${nameEn}`,
      text: `您被邀请加入 Muster 上的「${opts.orgName}」。打开链接接受邀请（7 天内有效）：\n${url}\n\nYou have been invited to join ${nameEn} on Muster. Open the link to accept (valid for 7 days):\n${url}\n`,
    });
  } catch (e) {
    console.error(`[muster] invitation e-mail to ${opts.to} failed; the link is ${url}`, e);
  }
}
