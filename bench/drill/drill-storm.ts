/**
 * The scripted storm of the surge drill: incidents and needs posted by the district dispatchers, proposals
 * and offers (auto mode on every fourth incident), suppliers answering through REST with their API keys,
 * knights answering offers over SSE and riding their tasks, requesters watching incident boards live.
 * Everything goes through the app instances over HTTP (bench/drill/drill-http.ts).
 */
import seedrandom from "seedrandom";
import { Cluster, LiveClient, restPost, trpcMutation, trpcQuery, type LiveEventDto } from "@/bench/drill/drill-http";
import { DISTRICTS, type Actors, type Knight } from "@/bench/drill/drill-actors";
import { stagePath } from "@/server/modules/knights/knight-task-stages";
import type { KnightTaskKind } from "@/server/generated/prisma/enums";

export type StormOptions = { incidents: number; needs: number; durationMs: number; knightShare: number; holdMinutes: number; seed: string };
export type StormState = {
  incidentIds: string[];
  needIds: string[];
  autoIncidents: number;
  requesters: LiveClient[];
  knights: LiveClient[];
  counts: Record<string, number>;
  stopped: boolean;
};

const PRIORITIES = ["LIFE_SAFETY", "URGENT", "ROUTINE"] as const;
const REASONS = ["设备检修中", "人员已调往他处", "道路中断无法抵达", "超出服务范围"];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const jitter = (rnd: () => number, km: number) => (rnd() - 0.5) * (km / 55);

export async function openKnightStreams(cluster: Cluster, actors: Actors, startAfter: string, state: StormState, rnd: () => number, log: (s: string) => void) {
  const t0 = Date.now();
  for (let i = 0; i < actors.knights.length; i += 250) {
    await Promise.all(
      actors.knights.slice(i, i + 250).map((k, j) => {
        const c = new LiveClient(cluster, [`knight:${k.id}`], k.cookie, startAfter, (e) => onKnightEvent(cluster, k, e, state, rnd), (i + j) % cluster.ports.length);
        state.knights.push(c);
        return c.open();
      }),
    );
  }
  log(`${actors.knights.length.toLocaleString("en-US")} knights on duty over SSE (both instances) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

function bump(state: StormState, key: string) {
  state.counts[key] = (state.counts[key] ?? 0) + 1;
}

/** A knight answers an offer after a moment: half accept, a third decline, the rest let it lapse. */
function onKnightEvent(cluster: Cluster, k: Knight, e: LiveEventDto, state: StormState, rnd: () => number) {
  if (e.kind !== "offer.new" || state.stopped) return;
  const offerId = String(e.data.offerId);
  const r = rnd();
  setTimeout(async () => {
    if (state.stopped) return;
    const auth = { cookie: k.cookie };
    if (r < 0.5) {
      const res = await trpcMutation<{ status: string; assignmentId: string | null }>(cluster, "knightOffer.accept", { offerId }, auth);
      bump(state, res.ok ? "knight_accepted" : "knight_accept_refused");
      if (res.ok && res.data.assignmentId) void ride(cluster, res.data.assignmentId, e.data.taskKind as KnightTaskKind, auth, state, rnd);
    } else if (r < 0.83) {
      const res = await trpcMutation(cluster, "knightOffer.decline", { offerId, reason: "电量不足" }, auth);
      bump(state, res.ok ? "knight_declined" : "knight_decline_refused");
    } else bump(state, "knight_ignored");
  }, 200 + rnd() * 2500);
}

/** The knight's own steps of the task's path (after ACCEPTED, up to DELIVERED: COMPLETED is the dispatcher's), a recon report at the end. */
async function ride(cluster: Cluster, assignmentId: string, kind: KnightTaskKind, auth: Record<string, string>, state: StormState, rnd: () => number) {
  for (const to of stagePath(kind).filter((s) => s !== "ACCEPTED" && s !== "COMPLETED")) {
    await sleep(1000 + rnd() * 3000);
    if (state.stopped) return;
    const report = to === "DELIVERED" ? { note: "现场积水约40厘米，主干道可通行" } : {};
    const res = await trpcMutation(cluster, "knightTask.advance", { assignmentId, to, ...report }, auth);
    bump(state, res.ok ? "knight_stage" : "knight_stage_refused");
    if (!res.ok) return;
  }
}

type Card = { id: string; status: string };

/** One supplier's system: polls its pending offers and answers through REST; reports progress of accepted ones. */
export async function supplierLoop(cluster: Cluster, s: { orgId: string; key: string }, state: StormState, rnd: () => number, pollMs: number) {
  const seen = new Set<string>();
  const auth = { authorization: `Bearer ${s.key}` };
  await sleep(rnd() * pollMs);
  while (!state.stopped) {
    const inbox = await trpcQuery<Card[]>(cluster, "offer.inbox", { scope: "pending" }, auth);
    for (const card of inbox.ok ? inbox.data : []) {
      if (seen.has(card.id) || state.stopped) continue;
      seen.add(card.id);
      const r = rnd();
      if (r < 0.55) {
        const res = await restPost(cluster, "rest.offers.accept", `/offers/${card.id}/accept`, null, s.key);
        bump(state, res.ok ? "supplier_accepted" : "supplier_accept_refused");
        if (res.ok) void progress(cluster, card.id, auth, state, rnd);
      } else if (r < 0.75) {
        const res = await restPost(cluster, "rest.offers.decline", `/offers/${card.id}/decline`, { reason: REASONS[Math.floor(rnd() * REASONS.length)] }, s.key);
        bump(state, res.ok ? "supplier_declined" : "supplier_decline_refused");
      } else bump(state, "supplier_too_late"); // never answered: the hold expires and the next candidate is offered
    }
    await sleep(pollMs * (0.7 + rnd() * 0.6));
  }
}

async function progress(cluster: Cluster, id: string, auth: Record<string, string>, state: StormState, rnd: () => number) {
  for (const status of ["MOBILIZED", "EN_ROUTE", "ON_SCENE", "COMPLETED"]) {
    await sleep(1500 + rnd() * 4000);
    if (state.stopped) return;
    const res = await trpcMutation(cluster, "offer.report", { id, status }, auth);
    bump(state, res.ok ? "supplier_progress" : "supplier_progress_refused");
    if (!res.ok) return;
  }
}

type Proposal = { assignments: { id: string }[] };

/** The dispatchers' script: incidents spread over the first 40 % of the storm, each with its needs, proposals and offers. */
export async function dispatcherScript(
  cluster: Cluster, actors: Actors, opts: StormOptions, state: StormState, maxLiveId: () => Promise<string>, log: (s: string) => void,
) {
  const rnd = seedrandom(`${opts.seed}-dispatch`);
  const perIncident = Math.max(1, Math.round(opts.needs / opts.incidents));
  const spacing = (opts.durationMs * 0.4) / opts.incidents;
  const runs: Promise<void>[] = [];
  for (let i = 0; i < opts.incidents && !state.stopped; i++) {
    runs.push(oneIncident(i));
    await sleep(spacing);
  }
  await Promise.all(runs);

  async function oneIncident(i: number) {
    const d = DISTRICTS[i % DISTRICTS.length]!;
    const who = actors.dispatchers[i % actors.dispatchers.length]!;
    const auth = { cookie: who.cookie };
    const lat = d.lat + jitter(rnd, 4);
    const lng = d.lng + jitter(rnd, 4);
    const before = await maxLiveId();
    const inc = await trpcMutation<{ id: string }>(cluster, "incident.create", {
      title: `台风“海葵”${d.name}内涝 #${i + 1}`, kind: i % 3 === 0 ? "TYPHOON" : "FLOOD", severity: (["I", "II", "III", "IV"] as const)[i % 4],
      lat, lng, address: `${d.name}演练点${i + 1}`, regionCode: d.code, status: "ACTIVE", orgId: actors.govOrgId,
    }, auth);
    if (!inc.ok) {
      bump(state, "incident_create_failed");
      return;
    }
    const incidentId = inc.data.id;
    state.incidentIds.push(incidentId);
    // The requester watches the incident page live from before its first need.
    const watcher = new LiveClient(cluster, [`incident:${incidentId}`], who.cookie, before, () => {}, i % cluster.ports.length);
    state.requesters.push(watcher);
    await watcher.open();
    const auto = i % 4 === 0;
    if (auto) {
      const r = await trpcMutation(cluster, "matchAssign.setAutoDispatch", { incidentId, on: true }, auth);
      if (r.ok) state.autoIncidents++;
    }
    // Resource needs first, proposed incident-wide; knight tasks after the proposal, so they go to riders only
    // (an incident-wide proposal would also offer rider listings for them); then the manual offers.
    const central = i % DISTRICTS.length < 7; // riders ride in the city districts
    const kinds = Array.from({ length: perIncident }, () => central && rnd() < opts.knightShare);
    const postNeed = async (n: number, knight: boolean) => {
      const priority = PRIORITIES[(i + n) % 3]!;
      const staging = { stagingLat: lat + jitter(rnd, 2), stagingLng: lng + jitter(rnd, 2), stagingAddress: `${d.name}集结点${n + 1}` };
      const common = { incidentId, neededBy: new Date(Date.now() + 2 * 3_600_000), priority, status: "OPEN", ...staging };
      const input = knight
        ? { ...common, category: "KNIGHT", freeText: "骑士配送", title: `送药品到安置点 ${n + 1}`, quantity: 1 + Math.floor(rnd() * 2), unit: "rider",
            durationMinutes: 60, maxDistanceKm: 15, taskKind: "RECON", rewardPoints: 20 }
        : { ...common, typeId: actors.typeIds[Math.floor(rnd() * actors.typeIds.length)], title: `抢险物资 ${n + 1}`, quantity: 1 + Math.floor(rnd() * 3),
            unit: "unit", durationMinutes: 240, maxDistanceKm: 60, requiredCapabilities: {} };
      const need = await trpcMutation<{ id: string }>(cluster, "need.create", input, auth);
      if (!need.ok) {
        bump(state, `need_create_refused_${need.errorCode}`);
        return null;
      }
      state.needIds.push(need.data.id);
      return need.data.id;
    };
    for (let n = 0; n < perIncident && !state.stopped; n++) if (!kinds[n]) await postNeed(n, false);
    const proposal = await trpcMutation<Proposal>(cluster, "matchAssign.propose", { incidentId, timeLimitMs: 2000 }, auth);
    bump(state, proposal.ok ? "proposals" : "proposal_refused");
    for (let n = 0; n < perIncident && !state.stopped; n++) {
      if (!kinds[n]) continue;
      const needId = await postNeed(n, true);
      if (!needId) continue;
      const r = await trpcMutation(cluster, "dispatch.start", { needId }, auth);
      bump(state, r.ok ? "knight_dispatches" : "knight_dispatch_refused");
    }
    if (proposal.ok && !auto) {
      for (const a of proposal.data.assignments) {
        if (state.stopped) break;
        const sent = await trpcMutation(cluster, "offer.send", { id: a.id, holdMinutes: opts.holdMinutes }, auth);
        bump(state, sent.ok ? "offers_sent" : "offer_send_refused");
      }
    }
    if (i % 10 === 9) log(`${i + 1}/${opts.incidents} incidents posted, ${state.needIds.length} needs`);
  }
}

/** A write every 200 ms through the app (a probe rider toggling duty): the recovery clock's "first successful write". */
/** The write probe's procedure: no other drill client calls it, so its attempts can be picked out. */
export const PROBE_OP = "knight.setOnDuty";

export async function writeProbe(cluster: Cluster, k: Knight, state: StormState, oks: number[]) {
  let on = false;
  while (!state.stopped) {
    on = !on;
    const r = await trpcMutation(cluster, PROBE_OP, { onDuty: on }, { cookie: k.cookie });
    if (r.ok) oks.push(Date.now());
    await sleep(200);
  }
}
