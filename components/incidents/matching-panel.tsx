"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import type { TProposeResult } from "@/lib/schemas/matching-assign";
import { gapLine, tierFill } from "@/components/matching/gap-line";
import { ProposalNeed, type SentOffer } from "@/components/matching/proposal-need";
import { errorMessage } from "@/components/needs/use-incident-refresh";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

function clientErrorCode(error: unknown): string | undefined {
  return (error as { data?: { code?: string } | null } | null)?.data?.code;
}

/**
 * The dispatcher's matching panel: propose an incident-wide assignment, read it per need with scores
 * and explanations, and send offers. Shown to dispatchers/owners (`canPropose`); for anyone else it
 * probes the proposal once and stays hidden unless the server allows it (platform admins).
 */
export function MatchingPanel({ incidentId, canPropose }: { incidentId: string; canPropose: boolean }) {
  const t = useT("matching");
  const tn = useT("needs");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<TProposeResult | null>(null);
  const [sent, setSent] = useState<SentOffer[]>([]);
  const [sending, setSending] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const proposal = useQuery({ ...trpc.matchAssign.proposal.queryOptions({ incidentId }), retry: false });
  const propose = useMutation(trpc.matchAssign.propose.mutationOptions());
  const send = useMutation(trpc.offer.send.mutationOptions());

  const forbidden = clientErrorCode(proposal.error) === "FORBIDDEN" || clientErrorCode(propose.error) === "FORBIDDEN";
  if (!canPropose && (forbidden || proposal.isError || proposal.isPending)) return null;

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.incident.pathFilter()),
      queryClient.invalidateQueries(trpc.matchAssign.proposal.queryFilter({ incidentId })),
    ]);

  const onPropose = () => {
    setNotice(null);
    propose.mutate(
      { incidentId },
      {
        onSuccess: (r) => {
          setResult(r);
          setSent([]);
          queryClient.setQueryData(trpc.matchAssign.proposal.queryKey({ incidentId }), {
            incidentId: r.incidentId, autoDispatch: r.autoDispatch, batchId: r.batchId, needs: r.needs, assignments: r.assignments,
          });
          void refresh();
        },
        onError: (err) => setNotice(t(clientErrorCode(err) === "FORBIDDEN" ? "forbidden" : "failed", { message: errorMessage(err) })),
      },
    );
  };

  const onSend = async (ids: string[]) => {
    setNotice(null);
    setSending(new Set(ids));
    const byId = new Map((proposal.data?.assignments ?? []).map((a) => [a.id, a]));
    try {
      for (const id of ids) {
        const r = await send.mutateAsync({ id });
        const a = byId.get(id);
        if (a) setSent((s) => [...s, { id, needId: a.needId, resourceTitle: a.resourceTitle, quantity: a.quantity, holdExpiresAt: r.holdExpiresAt }]);
      }
    } catch (err) {
      setNotice(t("failed", { message: errorMessage(err) }));
    } finally {
      setSending(new Set());
      await refresh();
    }
  };

  const data = proposal.data;
  const hasProposal = !!data && data.assignments.length > 0;
  const gap = result ? gapLine(result) : null;

  return (
    <Card data-testid="matching-panel">
      <CardHeader
        title={t("title")}
        description={t("description")}
        action={
          <Button size="sm" onClick={onPropose} disabled={propose.isPending || sending.size > 0} aria-busy={propose.isPending} data-testid="propose-assignment">
            {propose.isPending ? (
              <>
                <span aria-hidden="true" className="size-3.5 animate-spin rounded-full border-2 border-white/40 border-t-white" />
                {t("proposing")}
              </>
            ) : hasProposal ? t("reproposing") : t("propose")}
          </Button>
        }
      />
      <CardBody className="space-y-4">
        {propose.isPending ? (
          <p role="status" className="text-sm text-slate-600" data-testid="proposal-progress">{t("proposing")}</p>
        ) : null}
        {notice || (forbidden && !propose.error) ? (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="matching-notice">
            {notice ?? t("forbidden", { message: errorMessage(proposal.error) })}
          </p>
        ) : proposal.isError ? (
          <p role="alert" className="text-sm text-red-800">{t("loadFailed", { message: errorMessage(proposal.error) })}</p>
        ) : null}
        {result && gap ? (
          <div className="space-y-1 rounded-lg bg-slate-50 p-3 text-sm" data-testid="proposal-summary">
            <p className="text-slate-900">
              <span className="text-slate-500">{t("summary.method")}: </span>
              {t(`method.${result.method}`)} · {t("summary.solveMs", { ms: Math.round(result.solveMs) })}
            </p>
            <p className="text-slate-700">
              <span className="text-slate-500">{t("summary.filled")}: </span>
              {tierFill(result.objective.filled).map((f) => `${tn(`priority.${f.tier}`)} ${f.units}`).join(" · ")}
            </p>
            <p className="font-medium text-slate-900" data-testid="proposal-gap">{t(gap.key, gap.vars)}</p>
          </div>
        ) : null}
        {data && data.needs.length === 0 ? (
          <EmptyState title={t("noOpenNeedsTitle")} description={t("noOpenNeedsBody")} data-testid="proposal-no-needs" />
        ) : data && !hasProposal && sent.length === 0 ? (
          <EmptyState title={t("emptyTitle")} description={t("emptyBody")} data-testid="proposal-empty" />
        ) : data ? (
          <ul className="divide-y divide-slate-100" data-testid="proposal-list">
            {data.needs.map((n) => (
              <ProposalNeed
                key={n.needId}
                need={n}
                assignments={data.assignments.filter((a) => a.needId === n.needId)}
                sent={sent.filter((s) => s.needId === n.needId)}
                sending={sending}
                onSend={(ids) => void onSend(ids)}
              />
            ))}
          </ul>
        ) : null}
      </CardBody>
    </Card>
  );
}
