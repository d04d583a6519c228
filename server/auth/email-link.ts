import { createTransport } from "nodemailer";
import type { PrismaClient } from "@/server/db";
import { env } from "@/lib/env";
import { isLocale, defaultLocale } from "@/lib/i18n/config";
import { translatorFor } from "@/lib/i18n/messages-for";
import { formatDuration } from "@/lib/i18n/format";

/** The prefix operators grep for when SMTP is not configured. */
export const SIGN_IN_LINK_LOG_PREFIX = "[muster] sign-in link for";

type VerificationParams = { identifier: string; url: string; expires: Date };

/**
 * Auth.js `sendVerificationRequest` for the email provider. Links are only sent to existing accounts
 * (sign-up is where accounts are made); the caller gets the same "check your inbox" answer either way,
 * so the form does not reveal which addresses are registered. Without SMTP_URL the link goes to the
 * server log instead.
 */
export function makeSendVerificationRequest(db: PrismaClient) {
  return async function sendVerificationRequest({ identifier, url, expires }: VerificationParams): Promise<void> {
    const user = await db.user.findUnique({
      where: { email: identifier.toLowerCase() },
      select: { name: true, locale: true, disabledAt: true },
    });
    if (!user || user.disabledAt) {
      console.info(`[muster] sign-in link requested for ${identifier}: no active account uses this address, nothing sent.`);
      return;
    }
    if (!env.SMTP_URL) {
      console.info(`${SIGN_IN_LINK_LOG_PREFIX} ${identifier}: ${url}`);
      return;
    }
    const locale = isLocale(user.locale) ? user.locale : defaultLocale;
    const t = translatorFor(locale, "auth");
    const minutes = Math.max(1, Math.round((expires.getTime() - Date.now()) / 60000));
    const vars = { name: user.name ?? identifier, url, time: formatDuration(locale, minutes * 60, { precision: "minute" }) };
    const transport = createTransport(env.SMTP_URL);
    const result = await transport.sendMail({
      to: identifier,
      from: env.EMAIL_FROM,
      subject: t("email.subject"),
      text: t("email.text", vars),
      html: `<p>${escapeHtml(t("email.greeting", vars))}</p><p><a href="${escapeHtml(url)}">${escapeHtml(
        t("email.button"),
      )}</a></p><p>${escapeHtml(t("email.footer", vars))}</p>`,
    });
    const failed = [...(result.rejected ?? []), ...(result.pending ?? [])].filter(Boolean);
    if (failed.length) throw new Error(`Sign-in email could not be sent to ${failed.map(String).join(", ")}`);
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
