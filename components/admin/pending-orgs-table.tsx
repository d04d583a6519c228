"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { Button } from "@/components/ui/button";
import { RejectOrgDialog } from "@/components/admin/reject-org-dialog";

/** A queue row, already translated and formatted on the server (no time-zone drift between renders). */
export type PendingOrgRow = {
  id: string;
  name: string;
  altName: string | null;
  /** The language of altName (the page's other language), so it is read and checked as such. */
  altLang: "zh-CN" | "en";
  kindLabel: string;
  regionLabel: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string | null;
  creditCode: string | null;
  createdLabel: string;
  createdIso: string;
};

type Notice = { tone: "success" | "error"; text: string };

function errorCode(error: unknown): string | undefined {
  return (error as { data?: { code?: string } } | null)?.data?.code;
}

/**
 * The review queue. A decided row leaves the table at once and the server list is refreshed, so a
 * second admin's decision (CONFLICT) also just refreshes instead of leaving a stale row behind.
 */
export function PendingOrgsTable({ rows, caption }: { rows: PendingOrgRow[]; caption: string }) {
  const t = useT("admin");
  const trpc = useTRPC();
  const router = useRouter();
  const [decided, setDecided] = useState<Set<string>>(new Set());
  const [rejecting, setRejecting] = useState<PendingOrgRow | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const settle = (row: PendingOrgRow, text: string) => {
    setDecided((prev) => new Set(prev).add(row.id));
    setNotice({ tone: "success", text });
    router.refresh();
  };
  const fail = (error: unknown) => {
    const code = errorCode(error);
    if (code === "CONFLICT" || code === "NOT_FOUND") {
      setNotice({ tone: "error", text: t(code === "CONFLICT" ? "orgs.conflict" : "orgs.notFound") });
      router.refresh();
      return;
    }
    setNotice({ tone: "error", text: t("orgs.failed", { message: (error as Error)?.message ?? "" }) });
  };

  const verify = useMutation(trpc.org.verify.mutationOptions());
  const visible = rows.filter((r) => !decided.has(r.id));

  return (
    <div className="space-y-4">
      <div aria-live="polite" role="status" className="min-h-0">
        {notice ? (
          <p
            data-testid="org-decision-notice"
            className={
              notice.tone === "success"
                ? "rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900"
                : "rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
            }
          >
            {notice.text}
          </p>
        ) : null}
      </div>
      <div className="overflow-x-auto rounded-[var(--radius-card)] border border-slate-200 bg-white shadow-[var(--shadow-card)]">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="pending-orgs-table">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-3">{t("orgs.columns.name")}</th>
              <th scope="col" className="px-4 py-3">{t("orgs.columns.kind")}</th>
              <th scope="col" className="px-4 py-3">{t("orgs.columns.region")}</th>
              <th scope="col" className="px-4 py-3">{t("orgs.columns.contact")}</th>
              <th scope="col" className="px-4 py-3">{t("orgs.columns.created")}</th>
              <th scope="col" className="px-4 py-3 text-right">{t("orgs.columns.actions")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {visible.map((row) => {
              const busy = verify.isPending && verify.variables?.orgId === row.id;
              return (
                <tr key={row.id} data-testid="pending-org-row" data-org-id={row.id} className="align-top">
                  <th scope="row" className="px-4 py-3 text-left font-medium text-slate-900">
                    <span className="block">{row.name}</span>
                    {row.altName ? <span className="block text-xs font-normal text-slate-500" lang={row.altLang}>{row.altName}</span> : null}
                    {row.creditCode ? (
                      <span className="mt-1 block font-mono text-xs font-normal text-slate-500">
                        {t("orgs.creditCode", { code: row.creditCode })}
                      </span>
                    ) : null}
                  </th>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-700" data-testid="pending-org-kind">{row.kindLabel}</td>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-700" data-testid="pending-org-region">{row.regionLabel}</td>
                  <td className="px-4 py-3 text-slate-700">
                    <span className="block">{row.contactName}</span>
                    <span className="block text-xs text-slate-500">{row.contactPhone}</span>
                    {row.contactEmail ? <span className="block text-xs text-slate-500">{row.contactEmail}</span> : null}
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-700">
                    <time dateTime={row.createdIso}>{row.createdLabel}</time>
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-right">
                    <div className="inline-flex gap-2">
                      <Button
                        size="sm"
                        disabled={busy}
                        data-testid="verify-org"
                        aria-label={`${t("orgs.verify")}: ${row.name}`}
                        onClick={() =>
                          verify.mutate(
                            { orgId: row.id },
                            { onSuccess: () => settle(row, t("orgs.verified", { name: row.name })), onError: fail },
                          )
                        }
                      >
                        {busy ? t("orgs.verifying") : t("orgs.verify")}
                      </Button>
                      <Button
                        size="sm"
                        variant="outline"
                        disabled={busy}
                        data-testid="reject-org"
                        aria-label={`${t("orgs.reject")}: ${row.name}`}
                        onClick={() => setRejecting(row)}
                      >
                        {t("orgs.reject")}
                      </Button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <RejectOrgDialog
        org={rejecting}
        onClose={() => setRejecting(null)}
        onRejected={(row) => {
          setRejecting(null);
          settle(row as PendingOrgRow, t("orgs.rejected", { name: row.name }));
        }}
        onFailed={(error) => {
          setRejecting(null);
          fail(error);
        }}
      />
    </div>
  );
}
