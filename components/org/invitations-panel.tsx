"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/i18n/format";
import { ZInviteInput, type TOrgRole } from "@/lib/schemas/org";
import { errorFor } from "@/components/auth/form-errors";
import { FormAlert } from "@/components/auth/form-alert";
import { useAuthForm } from "@/components/auth/use-auth-form";
import { useHydrated } from "@/components/auth/use-hydrated";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";

const STATE_TONE: Record<string, BadgeTone> = { PENDING: "warning", ACCEPTED: "success", REVOKED: "neutral", EXPIRED: "neutral" };

/** Invite by e-mail with a role (owners and dispatchers), see every invitation, revoke pending ones. */
export function InvitationsPanel({ orgId, myRole }: { orgId: string; myRole: TOrgRole }) {
  const t = useT("org");
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const hydrated = useHydrated();
  const canManage = myRole === "OWNER" || myRole === "DISPATCHER";
  const [sent, setSent] = useState<{ email: string; link: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const listKey = trpc.org.invitations.queryKey({ orgId });
  const list = useQuery(trpc.org.invitations.queryOptions({ orgId }));
  const invite = useMutation(trpc.org.invite.mutationOptions());
  const revoke = useMutation(trpc.org.revokeInvitation.mutationOptions({ onSettled: () => qc.invalidateQueries({ queryKey: listKey }) }));
  const { errors, pending, onSubmit, formRef } = useAuthForm({
    schema: ZInviteInput,
    send: invite.mutateAsync,
    onSuccess: (r) => {
      setSent({ email: r.invitation.email, link: `${window.location.origin}/${locale}${r.acceptPath}` });
      setCopied(false);
      formRef.current?.reset();
      void qc.invalidateQueries({ queryKey: listKey });
    },
  });
  const err = (f: string) => errorFor(t, locale, errors, f);
  const roles: TOrgRole[] = myRole === "OWNER" ? ["MEMBER", "DISPATCHER", "OWNER"] : ["MEMBER", "DISPATCHER"];

  return (
    <div className="space-y-5">
      {canManage ? (
        <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-start" data-testid="invite-form">
          <input type="hidden" name="orgId" value={orgId} />
          {errors._form ? <div className="sm:col-span-3"><FormAlert>{err("_form")}</FormAlert></div> : null}
          <Field id="invite-email" label={t("invitations.email")} error={err("email")} required>
            <Input name="email" type="email" autoComplete="off" data-testid="invite-email" />
          </Field>
          <Field id="invite-role" label={t("invitations.role")} error={err("role")}>
            <Select name="role" defaultValue="MEMBER" data-testid="invite-role">
              {roles.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
            </Select>
          </Field>
          <Button type="submit" className="sm:mt-7" disabled={pending || !hydrated} data-testid="invite-submit">
            {pending ? t("invitations.sending") : t("invitations.send")}
          </Button>
        </form>
      ) : (
        <p className="text-sm text-slate-600">{t("invitations.managersOnly")}</p>
      )}
      {sent ? (
        <div role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="invite-sent">
          <p className="font-medium">{t("invitations.sent", { email: sent.email })}</p>
          <p className="mt-2 text-xs">{t("invitations.linkLabel")}</p>
          <div className="mt-1 flex flex-col gap-2 sm:flex-row">
            <code className="block flex-1 break-all rounded border border-emerald-200 bg-white px-2 py-1 font-mono text-xs text-slate-800" data-testid="invite-link">{sent.link}</code>
            <Button size="sm" variant="outline" onClick={() => navigator.clipboard.writeText(sent.link).then(() => setCopied(true), () => setCopied(false))}>
              {copied ? t("invitations.copied") : t("invitations.copy")}
            </Button>
          </div>
        </div>
      ) : null}
      {list.data && list.data.items.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="invitations-empty">{t("invitations.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm" data-testid="invitations-table">
            <caption className="sr-only">{t("invitations.caption")}</caption>
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                {(["email", "role", "state", "expires", "invitedBy", "actions"] as const).map((c) => (
                  <th key={c} scope="col" className="px-4 py-2 font-medium">{t(`invitations.columns.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {(list.data?.items ?? []).map((i) => (
                <tr key={i.id} data-testid="invitation-row" data-email={i.email} data-state={i.state}>
                  <td className="px-4 py-3 font-medium text-slate-900">{i.email}</td>
                  <td className="px-4 py-3 text-slate-700">{t(`roles.${i.role}`)}</td>
                  <td className="px-4 py-3"><Badge tone={STATE_TONE[i.state]}>{t(`invitations.states.${i.state}`)}</Badge></td>
                  <td className="px-4 py-3 text-slate-600">{formatDateTime(locale, i.expiresAt)}</td>
                  <td className="px-4 py-3 text-slate-600">{i.invitedByName ?? "—"}</td>
                  <td className="px-4 py-3">
                    {canManage && i.state === "PENDING" ? (
                      <Button
                        size="sm"
                        variant="outline"
                        disabled={revoke.isPending && revoke.variables?.invitationId === i.id}
                        onClick={() => window.confirm(t("invitations.confirmRevoke", { email: i.email })) && revoke.mutate({ orgId, invitationId: i.id })}
                        data-testid="invitation-revoke"
                      >
                        {t("invitations.revoke")}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
