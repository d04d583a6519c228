"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { localizedName } from "@/lib/i18n/localized-name";
import { useTRPC } from "@/lib/trpc/react";
import type { TProposeResult } from "@/lib/schemas/matching-assign";
import { AreaProposal } from "@/components/matching/area-proposal";
import { gapLine, tierFill } from "@/components/matching/gap-line";
import { ProposalMap } from "@/components/matching/proposal-map";
import { ProposalNeed, type SentOffer } from "@/components/matching/proposal-need";
import { errorMessage } from "@/components/needs/use-incident-refresh";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { VolunteerCandidates } from "@/components/volunteers/volunteer-candidates";

function clientErrorCode(error: unknown): string | undefined {
  return (error as { data?: { code?: string } | null } | null)?.data?.code;
}

/**
 * The dispatcher's matching panel: propose an incident-wide assignment, read it per need with scores
 * and explanations, see it on a map (a click there selects the row), swap or remove a proposed resource,
 * switch auto dispatch, and send offers. Shown to dispatchers/owners (`canPropose`); for anyone else it
 * probes the proposal once and stays hidden unless the server allows it (platform admins).
 */
export function MatchingPanel({
  incidentId, center, canPropose, tileUrl, tileAttribution,
}: { incidentId: string; center: { lat: number; lng: number }; canPropose: boolean; tileUrl: string; tileAttribution?: string }) {
  const t = useT("matching");
  const locale = useLocale();
  const tn = useT("needs");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<TProposeResult | null>(null);
  const [sent, setSent] = useState<SentOffer[]>([]);
  const [sending, setSending] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const proposal = useQuery({ ...trpc.matchAssign.proposal.queryOptions({ incidentId }), retry: false });
  const propose = useMutation(trpc.matchAssign.propose.mutationOptions());
  const send = useMutation(trpc.offer.send.mutationOptions());
  const drop = useMutation(trpc.matchAssign.drop.mutationOptions());
  const auto = useMutation(trpc.matchAssign.setAutoDispatch.mutationOptions());

  const forbidden = clientErrorCode(proposal.error) === "FORBIDDEN" || clientErrorCode(propose.error) === "FORBIDDEN";
  if (!canPropose && (forbidden || proposal.isError || proposal.isPending)) return null;

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.incident.pathFilter()),
      queryClient.invalidateQueries(trpc.matchAssign.proposal.queryFilter({ incidentId })),
      queryClient.invalidateQueries(trpc.matchAssign.assignments.queryFilter({ incidentId })),
    ]);

  const onDrop = (id: string) => {
    setNotice(null);
    drop.mutate({ assignmentId: id }, { onSettled: () => void refresh(), onError: (err) => setNotice(t("failed", { message: errorMessage(err) })) });
  };

  const onAuto = (on: boolean) => {
    setNotice(null);
    auto.mutate({ incidentId, on }, { onSettled: () => void refresh(), onError: (err) => setNotice(t("failed", { message: errorMessage(err) })) });
  };

  const onPropose = () => {
    setNotice(null);
    setInfo(null);
    propose.mutate(
      { incidentId },
      {
        onSuccess: (r) => {
          setResult(r);
          setSent([]);
          setSelectedId(null);
          if (r.autoOffered > 0) setInfo(t("auto.sent", { n: r.autoOffered }));
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
        if (a) setSent((s) => [...s, { id, needId: a.needId, resourceTitle: a.resourceTitle, resourceTitleEn: a.resourceTitleEn, quantity: a.quantity, holdExpiresAt: r.holdExpiresAt }]);
      }
    } catch (err) {
      setNotice(t("failed", { message: errorMessage(err) }));
    } finally {
      setSending(new Set());
      await refresh();
    }
  };

  // rows just offered leave the proposal at once (the refetch that drops them follows the last send)
  const sentIds = new Set(sent.map((s) => s.id));
  const data = proposal.data ? { ...proposal.data, assignments: proposal.data.assignments.filter((a) => !sentIds.has(a.id)) } : undefined;
  const hasProposal = !!data && data.assignments.length > 0;
  const gap = result ? gapLine(result) : null;
  const autoOn = auto.isPending ? !!auto.variables?.on : !!data?.autoDispatch;
  const needTitle = new Map((data?.needs ?? []).map((n) => [n.needId, n.title]));
  const resourceTitle = (a: { resourceTitle: string; resourceTitleEn: string | null }) => localizedName(locale, a.resourceTitle, a.resourceTitleEn);
  const mapResources = (data?.assignments ?? []).flatMap((a) =>
    a.resourceLat !== null && a.resourceLng !== null
      ? [{ assignmentId: a.id, needId: a.needId, title: resourceTitle(a), lat: a.resourceLat, lng: a.resourceLng, label: t("map.resource", { title: resourceTitle(a), need: needTitle.get(a.needId) ?? "" }) }]
      : [],
  );
  const mapNeeds = (data?.needs ?? [])
    .filter((n) => mapResources.some((r) => r.needId === n.needId))
    .map((n) => ({ id: n.needId, title: n.title, priority: n.priority, lat: n.stagingLat, lng: n.stagingLng }));
  const selected = data?.assignments.find((a) => a.id === selectedId) ?? null;

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
        {data ? (
          <div className="flex items-start gap-3 rounded-lg border border-slate-200 p-3" data-testid="auto-dispatch">
            <input
              id={`auto-${incidentId}`}
              type="checkbox"
              role="switch"
              aria-checked={autoOn}
              aria-describedby={`auto-${incidentId}-hint`}
              className="mt-0.5 size-5 shrink-0 accent-brand-600"
              checked={autoOn}
              disabled={auto.isPending}
              onChange={(e) => onAuto(e.target.checked)}
              data-testid="auto-dispatch-switch"
            />
            <div className="min-w-0 text-sm">
              <label htmlFor={`auto-${incidentId}`} className="font-medium text-slate-900">{t("auto.label")}</label>
              <p id={`auto-${incidentId}-hint`} className="text-slate-600">{autoOn ? t("auto.on") : t("auto.off")}</p>
            </div>
          </div>
        ) : null}
        {data ? (
          <AreaProposal
            incidentId={incidentId}
            lat={center.lat}
            lng={center.lng}
            disabled={propose.isPending || sending.size > 0}
            onDone={() => {
              // the incident-only summary no longer describes what is proposed
              setResult(null);
              setSent([]);
              void refresh();
            }}
          />
        ) : null}
        {data ? <VolunteerCandidates incidentId={incidentId} disabled={propose.isPending || sending.size > 0} onChanged={() => void refresh()} /> : null}
        {propose.isPending ? (
          <p role="status" className="text-sm text-slate-600" data-testid="proposal-progress">{t("proposing")}</p>
        ) : null}
        {info ? <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="matching-info">{info}</p> : null}
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
        {hasProposal && mapResources.length > 0 ? (
          <div className="space-y-2">
            <h3 className="text-sm font-semibold text-slate-900">{t("map.title")}</h3>
            <p className="text-xs text-slate-600">{t("map.legend")}</p>
            <ProposalMap
              label={t("map.label")}
              needs={mapNeeds}
              resources={mapResources}
              selectedId={selectedId}
              onSelect={setSelectedId}
              needLabel={(n) => t("map.need", { title: n.title })}
              tileUrl={tileUrl}
              tileAttribution={tileAttribution}
              height={300}
            />
            <p aria-live="polite" className="min-h-5 text-xs text-slate-700" data-testid="proposal-map-selection">
              {selected ? t("map.selected", { title: resourceTitle(selected) }) : ""}
            </p>
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
                selectedId={selectedId}
                onSend={(ids) => void onSend(ids)}
                onDrop={onDrop}
                onSelect={setSelectedId}
                onChanged={() => void refresh()}
              />
            ))}
          </ul>
        ) : null}
      </CardBody>
    </Card>
  );
}
