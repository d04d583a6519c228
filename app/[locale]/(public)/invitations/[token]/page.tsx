import type { Metadata } from "next";
import { formatDateTime } from "@/lib/i18n/format";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/localized-name";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { ZInvitationToken } from "@/lib/schemas/org";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { AcceptInvitation } from "@/components/org/accept-invitation";
import { FormAlert } from "@/components/auth/form-alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";

type Props = { params: Promise<{ locale: string; token: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "org");
  return { title: t("accept.metaTitle"), robots: { index: false } };
}

/**
 * Where an invitation link lands. Signed out: sign in (or up) first and come back here. Signed in:
 * which organisation invites you and with which role, and the accept button when it can be accepted.
 */
export default async function AcceptInvitationPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const { token: rawToken } = await params;
  const t = await getT(locale, "org");
  const token = ZInvitationToken.safeParse(rawToken);
  const here = `/invitations/${rawToken}`;
  const actor = await getServerActor().catch(() => null);

  let body: React.ReactNode;
  if (!token.success) {
    body = <FormAlert data-testid="invitation-invalid">{t("accept.invalid")}</FormAlert>;
  } else if (!actor || actor.via !== "session") {
    body = (
      <div className="space-y-4">
        <p className="text-slate-700">{t("accept.signInFirst")}</p>
        <div className="flex flex-wrap gap-3">
          <ButtonLink href={signInHref(locale, here)} data-testid="invitation-sign-in">{t("accept.signIn")}</ButtonLink>
          <ButtonLink href={localeHref(locale, paths.signUp)} variant="outline">{t("accept.signUp")}</ButtonLink>
        </div>
      </div>
    );
  } else {
    const preview = await (await getServerCaller()).org.invitationPreview({ token: token.data }).catch(() => null);
    if (!preview) {
      body = <FormAlert data-testid="invitation-invalid">{t("accept.invalid")}</FormAlert>;
    } else {
      const name = localizedName(locale, preview.orgName, preview.orgNameEn);
      const blocker =
        preview.state !== "PENDING"
          ? t(`accept.states.${preview.state}`)
          : preview.alreadyMember
            ? t("accept.alreadyMember")
            : !preview.emailMatches
              ? t("accept.wrongEmail")
              : null;
      body = (
        <div className="space-y-4">
          <div>
            <p className="text-sm text-slate-600">{t("accept.invitedTo", { role: t(`roles.${preview.role}`) })}</p>
            <p className="mt-1 text-xl font-semibold text-slate-900" data-testid="invitation-org">{name}</p>
            <p className="mt-1 text-xs text-slate-500">{t("accept.expires", { date: formatDateTime(locale, preview.expiresAt) })}</p>
          </div>
          {blocker ? (
            <FormAlert tone="info" data-testid="invitation-blocked">{blocker}</FormAlert>
          ) : (
            <AcceptInvitation token={token.data} orgHref={localeHref(locale, paths.organization)} />
          )}
        </div>
      );
    }
  }

  return (
    <div className="mx-auto max-w-lg px-4 py-12 sm:py-16">
      <h1 className="mb-6 text-2xl font-semibold tracking-tight text-slate-900">{t("accept.title")}</h1>
      <Card>
        <CardBody className="py-6">{body}</CardBody>
      </Card>
    </div>
  );
}
