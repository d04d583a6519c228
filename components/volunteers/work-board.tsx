"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import type { TWorkBoardInput } from "@/lib/schemas/volunteers";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { BoardNeedCard } from "@/components/volunteers/board-need-card";

type Filters = { q?: string; typeCode?: string; region?: string; maxDistanceKm?: number; neededBefore?: string };

/** The board: filters (type, region, distance, needed-by, keywords) over the open needs the caller could serve. */
export function WorkBoard(props: { regions: { code: string; label: string; level: string }[]; types: { code: string; label: string }[]; listingsNewHref: string; initialQ?: string }) {
  const t = useT("volunteers");
  const trpc = useTRPC();
  const [draft, setDraft] = useState<Filters>({ q: props.initialQ });
  const [filters, setFilters] = useState<Filters>({ q: props.initialQ });
  const [notice, setNotice] = useState<string | null>(null);
  const input: TWorkBoardInput = {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.typeCode ? { typeCode: filters.typeCode } : {}),
    ...(filters.region ? { region: filters.region } : {}),
    ...(filters.maxDistanceKm ? { maxDistanceKm: filters.maxDistanceKm } : {}),
    // a date filter means "by the end of that day" in the reader's time zone
    ...(filters.neededBefore ? { neededBefore: new Date(`${filters.neededBefore}T23:59:59`) } : {}),
  };
  const board = useQuery(trpc.volunteer.board.queryOptions(input));
  const set = (patch: Filters) => setDraft((d) => ({ ...d, ...patch }));

  return (
    <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
      <form
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
        aria-label={t("filters.heading")}
        data-testid="board-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...draft, q: draft.q?.trim() || undefined });
        }}
      >
        <Field id="wb-q" label={t("filters.q")}>
          <Input type="search" value={draft.q ?? ""} placeholder={t("filters.qPlaceholder")} onChange={(e) => set({ q: e.target.value })} data-testid="board-q" />
        </Field>
        <Field id="wb-type" label={t("filters.type")}>
          <Select value={draft.typeCode ?? ""} onChange={(e) => set({ typeCode: e.target.value || undefined })} data-testid="board-type">
            <option value="">{t("filters.anyType")}</option>
            {props.types.map((ty) => <option key={ty.code} value={ty.code}>{ty.label}</option>)}
          </Select>
        </Field>
        <Field id="wb-region" label={t("filters.region")}>
          <Select value={draft.region ?? ""} onChange={(e) => set({ region: e.target.value || undefined })} data-testid="board-region">
            <option value="">{t("filters.anyRegion")}</option>
            {props.regions.map((r) => <option key={r.code} value={r.code}>{r.level === "DISTRICT" ? `\u00a0\u00a0${r.label}` : r.label}</option>)}
          </Select>
        </Field>
        <Field id="wb-distance" label={t("filters.distance")}>
          <Input type="number" inputMode="numeric" min={1} max={2000} value={draft.maxDistanceKm ?? ""} onChange={(e) => set({ maxDistanceKm: e.target.value ? Number(e.target.value) : undefined })} data-testid="board-distance" />
        </Field>
        <Field id="wb-needed" label={t("filters.neededBefore")}>
          <Input type="date" value={draft.neededBefore ?? ""} onChange={(e) => set({ neededBefore: e.target.value || undefined })} data-testid="board-needed" />
        </Field>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" size="sm" data-testid="board-apply">{t("filters.apply")}</Button>
          <Button type="button" size="sm" variant="ghost" onClick={() => { setDraft({}); setFilters({}); }}>{t("filters.reset")}</Button>
        </div>
      </form>
      <div className="min-w-0 space-y-4">
        {notice ? <p role="status" className="rounded-lg bg-emerald-50 px-4 py-2 text-sm text-emerald-900" data-testid="board-notice">{notice}</p> : null}
        {board.isError ? <p role="alert" className="text-sm text-red-800">{t("errors.failed", { message: board.error.message })}</p> : null}
        {board.isPending ? (
          <p className="text-sm text-slate-500" aria-busy="true">…</p>
        ) : board.data && board.data.listingCount === 0 ? (
          <EmptyState title={t("empty.noListingsTitle")} description={t("empty.noListingsBody")} action={{ href: props.listingsNewHref, label: t("empty.noListingsAction") }} data-testid="board-no-listings" />
        ) : board.data && board.data.needs.length === 0 ? (
          <EmptyState title={t("empty.noNeedsTitle")} description={t("empty.noNeedsBody")} data-testid="board-empty" />
        ) : board.data ? (
          <ul className="space-y-3" data-testid="board-list">
            {board.data.needs.map((n) => (
              <li key={n.id}>
                <BoardNeedCard need={n} onDone={(message) => { setNotice(message); void board.refetch(); }} />
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
