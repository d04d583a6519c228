import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { TCommandKpis, TCommandKpisInput } from "@/lib/schemas/command-kpis";
import { assertCommandAccess, regionSubtree } from "@/server/modules/command/command-access";
import { committedByCategory } from "@/server/modules/command/kpis/resources-committed";
import { fillFunnel } from "@/server/modules/command/kpis/fill-funnel";
import { knightsOnDuty } from "@/server/modules/command/kpis/knights-on-duty";
import { openNeedsByPriority } from "@/server/modules/command/kpis/open-needs";
import { responseTimes } from "@/server/modules/command/kpis/response-times";
import { supplierResponses } from "@/server/modules/command/kpis/supplier-responses";
import { unmetDemand } from "@/server/modules/command/kpis/unmet-demand";

/**
 * The command centre's KPI figures for a region (and every region below it) and a time range, after the
 * access rule (admins; government organisations for their region and below). Counts and durations only:
 * no supplier-private field beyond decline reasons on the region's own offers, no knight identity or position.
 */
export async function loadCommandKpis(db: Db, actor: Actor, input: TCommandKpisInput): Promise<TCommandKpis> {
  await assertCommandAccess(db, actor, input.regionCode);
  return computeCommandKpis(db, input);
}

/** The figures without the access check (the bench and tests call it; every caller of the app goes above). */
export async function computeCommandKpis(db: Db, input: TCommandKpisInput): Promise<TCommandKpis> {
  const scope = { codes: await regionSubtree(db, input.regionCode), from: input.from, to: input.to };
  // Independent aggregations: on a pool they run side by side (a transaction client runs them in turn).
  const [openNeeds, funnel, times, unmet, suppliers, duty, committed] = await Promise.all([
    openNeedsByPriority(db, scope),
    fillFunnel(db, scope),
    responseTimes(db, scope),
    unmetDemand(db, scope),
    supplierResponses(db, scope),
    knightsOnDuty(db, scope),
    committedByCategory(db, scope),
  ]);
  return {
    regionCode: input.regionCode,
    from: input.from,
    to: input.to,
    openNeeds,
    funnel,
    responseTimes: times,
    unmetDemand: unmet,
    supplierResponses: suppliers,
    knightsOnDuty: duty,
    committedByCategory: committed,
  };
}
