"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { formatDate } from "@/lib/i18n/format";
import type { TOrgRole } from "@/lib/schemas/org";
import { serverFieldErrors, translateError } from "@/components/auth/form-errors";
import { FormAlert } from "@/components/auth/form-alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";

const ROLES: TOrgRole[] = ["OWNER", "DISPATCHER", "MEMBER"];

/** Members and their roles; owners change roles and remove people, anyone may leave. */
export function MembersTable({ orgId }: { orgId: string }) {
  const t = useT("org");
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const list = useQuery(trpc.org.members.queryOptions({ orgId }));
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.org.members.queryKey({ orgId }) });
  const onError = (e: unknown) => {
    const f = serverFieldErrors(e);
    setError(translateError(t, (f.role ?? f._form ?? ["errors.generic"])[0]));
  };
  const setRole = useMutation(trpc.org.setMemberRole.mutationOptions({ onSuccess: () => setError(null), onError, onSettled: refresh }));
  const remove = useMutation(trpc.org.removeMember.mutationOptions({ onSuccess: () => setError(null), onError, onSettled: refresh }));
  const isOwner = list.data?.myRole === "OWNER";

  if (list.isError) return <FormAlert>{t("errors.generic")}</FormAlert>;
  return (
    <div className="space-y-3">
      {error ? <FormAlert data-testid="members-error">{error}</FormAlert> : null}
      <div className="overflow-x-auto">
        <table className="min-w-full text-left text-sm" data-testid="members-table">
          <caption className="sr-only">{t("members.caption")}</caption>
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              {(["name", "email", "role", "joined", "actions"] as const).map((c) => (
                <th key={c} scope="col" className="px-4 py-2 font-medium">{t(`members.columns.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {(list.data?.items ?? []).map((m) => {
              const label = m.name ?? m.email ?? "—";
              return (
                <tr key={m.membershipId} data-testid="member-row" data-role={m.role}>
                  <td className="px-4 py-3 font-medium text-slate-900">
                    {label} {m.isSelf ? <span className="text-slate-500">{t("members.you")}</span> : null}
                  </td>
                  <td className="px-4 py-3 text-slate-600">{m.email}</td>
                  <td className="px-4 py-3">
                    {isOwner ? (
                      <Select
                        aria-label={t("members.changeRole", { name: label })}
                        value={m.role}
                        disabled={setRole.isPending}
                        onChange={(e) => setRole.mutate({ orgId, membershipId: m.membershipId, role: e.target.value as TOrgRole })}
                        className="h-8 w-36"
                        data-testid="member-role"
                      >
                        {ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
                      </Select>
                    ) : (
                      <Badge tone={m.role === "OWNER" ? "brand" : "neutral"}>{t(`roles.${m.role}`)}</Badge>
                    )}
                  </td>
                  <td className="px-4 py-3 text-slate-600">{formatDate(locale, m.joinedAt)}</td>
                  <td className="px-4 py-3">
                    {isOwner || m.isSelf ? (
                      <Button
                        size="sm"
                        variant="outline"
                        disabled={remove.isPending}
                        onClick={() => {
                          const q = m.isSelf ? t("members.confirmLeave") : t("members.confirmRemove", { name: label });
                          if (window.confirm(q)) remove.mutate({ orgId, membershipId: m.membershipId });
                        }}
                        data-testid="member-remove"
                      >
                        {m.isSelf ? t("members.leave") : t("members.remove")}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
