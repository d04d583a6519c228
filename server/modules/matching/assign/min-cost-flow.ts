import type { AllocationLine, AssignmentProblem } from "@/server/modules/matching/assign/types";
import { toMilli } from "@/server/modules/matching/assign/objective";
import { PairHeap } from "@/server/modules/matching/assign/pair-heap";

/**
 * Exact lexicographic assignment by min-cost flow: source → resource (cap = available units) →
 * need (cap = min(available, quantity), cost = edge cost) → sink (cap = quantity, cost = −tier weight).
 *
 * Every cost is a pair (tier part, cost part) compared lexicographically — the tier part is an exact
 * integer with weights 1, D+1, (D+1)² (D = most units that can flow), so one more life-safety unit beats
 * any number of urgent/routine units, and the cost part (1/1000 units, integer) only breaks ties. Successive
 * shortest paths with Johnson potentials and Dijkstra (stopped as soon as the path is settled) keep the
 * flow min-cost at every value; it stops when the sink is unreachable. Every S→T path crosses exactly one
 * need→sink edge, so each augmentation adds units and never trades a higher-tier unit away.
 */
export type FlowOutcome = { lines: AllocationLine[]; timedOut: boolean; augmentations: number };

const TIER_INDEX = { LIFE_SAFETY: 0, URGENT: 1, ROUTINE: 2 } as const;

export function solveMinCostFlow(problem: AssignmentProblem, deadline: number): FlowOutcome {
  const R = problem.candidates.length;
  const N = problem.needs.length;
  const resIndex = new Map<string, number>();
  problem.candidates.forEach((c, i) => resIndex.set(c.resourceId, i));
  const needIndex = new Map<string, number>();
  problem.needs.forEach((n, i) => needIndex.set(n.id, i));

  const S = 0;
  const T = R + N + 1;
  const V = R + N + 2;
  const maxEdges = 2 * (R + N + problem.edges.length);
  const to = new Int32Array(maxEdges);
  const next = new Int32Array(maxEdges);
  const cap = new Float64Array(maxEdges);
  const cp = new Float64Array(maxEdges);
  const cs = new Float64Array(maxEdges);
  const head = new Int32Array(V).fill(-1);
  let m = 0;
  const add = (u: number, v: number, c: number, p: number, s: number): number => {
    to[m] = v; cap[m] = c; cp[m] = p; cs[m] = s; next[m] = head[u]; head[u] = m; m++;
    to[m] = u; cap[m] = 0; cp[m] = -p; cs[m] = -s; next[m] = head[v]; head[v] = m; m++;
    return m - 2;
  };

  const totalQty = problem.needs.reduce((a, n) => a + n.quantity, 0);
  const totalAvail = problem.candidates.reduce((a, c) => a + c.availableQuantity, 0);
  const D = Math.min(totalQty, totalAvail) + 1;
  const weight = [D * D, D, 1];

  for (let i = 0; i < R; i++) add(S, 1 + i, problem.candidates[i].availableQuantity, 0, 0);
  const edgeIds: number[] = [];
  const edgeRefs: { need: number; res: number; cost: number }[] = [];
  // initial potentials: resources 0; need = cheapest incoming edge; sink = min over needs
  const pp = new Float64Array(V);
  const ps = new Float64Array(V);
  const reached = new Uint8Array(N);
  for (const e of problem.edges) {
    const r = resIndex.get(e.resourceId);
    const n = needIndex.get(e.needId);
    if (r === undefined || n === undefined) continue;
    const c = Math.min(problem.candidates[r].availableQuantity, problem.needs[n].quantity);
    if (c <= 0) continue;
    const milli = toMilli(e.cost);
    edgeIds.push(add(1 + r, 1 + R + n, c, 0, milli));
    edgeRefs.push({ need: n, res: r, cost: e.cost });
    if (!reached[n] || milli < ps[1 + R + n]) ps[1 + R + n] = milli;
    reached[n] = 1;
  }
  const sinkEdge = new Int32Array(N).fill(-1);
  let first = true;
  for (let j = 0; j < N; j++) {
    if (!reached[j]) continue;
    const p = -weight[TIER_INDEX[problem.needs[j].priority]];
    sinkEdge[j] = add(1 + R + j, T, problem.needs[j].quantity, p, 0);
    const s = ps[1 + R + j];
    if (first || p < pp[T] || (p === pp[T] && s < ps[T])) { pp[T] = p; ps[T] = s; }
    first = false;
  }
  if (first) return { lines: [], timedOut: false, augmentations: 0 };

  // Dijkstra runs BACKWARDS from the sink over the residual graph (distance to T) and stops when the
  // source is settled. Unfilled needs are the sink's predecessors; instead of re-pushing all of them on
  // every run they live in a persistent seed heap keyed by cp(need→T) + π(need) (dist = key − π(T)) and
  // are injected only when they reach the frontier. With the lazy potential update below (only settled
  // nodes move; everything else shifts by a common constant) those keys stay valid between runs.
  const dp = new Float64Array(V).fill(Infinity);
  const ds = new Float64Array(V).fill(Infinity);
  const done = new Uint8Array(V);
  const parent = new Int32Array(V);
  const touched = new Int32Array(V);
  let nTouched = 0;
  const heap = new PairHeap(m + V);
  const seeds = new PairHeap(2 * N);
  const seedVersion = new Int32Array(V);
  const injected: number[] = [];
  const pushSeed = (v: number) => {
    const e = sinkEdge[v - R - 1];
    seedVersion[v]++;
    if (cap[e] > 0) seeds.push(cp[e] + pp[v], cs[e] + ps[v], v, seedVersion[v]);
  };
  for (let j = 0; j < N; j++) if (sinkEdge[j] >= 0) pushSeed(1 + R + j);

  let timedOut = false;
  let augmentations = 0;
  for (;;) {
    if ((augmentations & 31) === 31 && performance.now() > deadline) { timedOut = true; break; }
    for (let k = 0; k < nTouched; k++) { const v = touched[k]; dp[v] = Infinity; ds[v] = Infinity; done[v] = 0; }
    nTouched = 0;
    injected.length = 0;
    heap.clear();
    dp[T] = 0; ds[T] = 0; done[T] = 1; touched[nTouched++] = T;
    let found = false;
    for (;;) {
      // inject seeds at or before the frontier
      while (seeds.size > 0) {
        const kp = seeds.topP - pp[T];
        const ks = seeds.topS - ps[T];
        if (heap.size > 0 && (kp > heap.topP || (kp === heap.topP && ks > heap.topS))) break;
        const v = seeds.topNode;
        const fresh = seeds.topTag === seedVersion[v];
        seeds.pop();
        if (!fresh) continue;
        seedVersion[v]++; // consumed; re-pushed after this run if still unfilled
        injected.push(v);
        if (kp < dp[v] || (kp === dp[v] && ks < ds[v])) {
          if (dp[v] === Infinity) touched[nTouched++] = v;
          dp[v] = kp; ds[v] = ks; parent[v] = sinkEdge[v - R - 1];
          heap.push(kp, ks, v);
        }
      }
      if (heap.size === 0) break;
      const v = heap.topNode; const vp = heap.topP; const vs = heap.topS;
      heap.pop();
      if (done[v] || vp !== dp[v] || vs !== ds[v]) continue;
      done[v] = 1;
      if (v === S) { found = true; break; }
      for (let e = head[v]; e !== -1; e = next[e]) {
        const f = e ^ 1; // the edge u → v
        if (cap[f] <= 0) continue;
        const u = to[e];
        if (done[u]) continue;
        const np = vp + cp[f] + pp[u] - pp[v];
        const ns = vs + cs[f] + ps[u] - ps[v];
        // no path through u can beat the source's tentative distance (reduced costs are ≥ 0)
        if (np > dp[S] || (np === dp[S] && ns >= ds[S] && u !== S)) continue;
        if (np < dp[u] || (np === dp[u] && ns < ds[u])) {
          if (dp[u] === Infinity) touched[nTouched++] = u;
          dp[u] = np; ds[u] = ns; parent[u] = f;
          heap.push(np, ns, u);
        }
      }
    }
    if (!found) break;
    const sp = dp[S];
    const ss = ds[S];
    // every unsettled node's potential drops by d(S); only differences matter, so shift the settled
    // ones up by d(S) − d(v) instead (O(touched), not O(V))
    for (let k = 0; k < nTouched; k++) {
      const v = touched[k];
      if (done[v]) { pp[v] += sp - dp[v]; ps[v] += ss - ds[v]; }
    }
    let amount = Infinity;
    for (let u = S; u !== T; u = to[parent[u]]) amount = Math.min(amount, cap[parent[u]]);
    for (let u = S; u !== T; u = to[parent[u]]) { cap[parent[u]] -= amount; cap[parent[u] ^ 1] += amount; }
    augmentations++;
    // refresh seed keys of needs whose potential moved or that were taken out of the seed heap
    for (let k = 0; k < nTouched; k++) {
      const v = touched[k];
      if (v > R && v < T && done[v]) pushSeed(v);
    }
    for (const v of injected) if (!done[v]) pushSeed(v);
  }

  const lines: AllocationLine[] = [];
  edgeIds.forEach((e, k) => {
    const q = cap[e ^ 1];
    if (q > 0) {
      const ref = edgeRefs[k];
      lines.push({ needId: problem.needs[ref.need].id, resourceId: problem.candidates[ref.res].resourceId, quantity: q, cost: ref.cost });
    }
  });
  return { lines, timedOut, augmentations };
}
