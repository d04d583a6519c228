import type { Db } from "@/server/db";
import { cellPlacer, onDutyKnightCells } from "@/server/modules/command/command-map-layers";
import { liveTopics } from "@/server/modules/live/live-topics";
import { publishLive } from "@/server/modules/live/publish-live";

/** How often the worker compares the on-duty counts: the longest a command centre's knight counts lag. */
export const KNIGHT_COUNTS_EVERY_MS = 15_000;

export type KnightCounts = Map<string, number>;

/** The public cells whose on-duty count differs between two readings (a cell emptied counts too). */
export function changedCells(before: KnightCounts, after: KnightCounts): string[] {
  const cells = new Set([...before.keys(), ...after.keys()]);
  return [...cells].filter((c) => (before.get(c) ?? 0) !== (after.get(c) ?? 0)).sort();
}

/**
 * The knights layer of the command map changes with every duty toggle and every move into another public cell,
 * and no single write tells it: a trigger per position update would wake every command centre on each step of
 * a rider. Instead the worker reads the per-cell counts (one small aggregate) every KNIGHT_COUNTS_EVERY_MS and,
 * when they moved, writes one `command.changed` event to each region whose map shows a changed cell — the same
 * placement the map draws with, so exactly the screens that changed refetch. Events carry the source only,
 * never a cell. The first reading is the baseline; returns the reading for the next call.
 */
export async function publishKnightCountChanges(db: Db, before: KnightCounts | null): Promise<{ counts: KnightCounts; regions: string[] }> {
  const counts: KnightCounts = new Map((await onDutyKnightCells(db)).map((r) => [r.cell, r.n]));
  if (!before) return { counts, regions: [] };
  const cells = changedCells(before, counts);
  if (cells.length === 0) return { counts, regions: [] };
  const all = await db.region.findMany({ select: { code: true, nameZh: true, nameEn: true, level: true, parentCode: true, lat: true, lng: true }, orderBy: { code: "asc" } });
  const regions = all.filter((r) => {
    const placeOf = cellPlacer(r);
    return cells.some((c) => placeOf(c) !== null);
  }).map((r) => r.code);
  await publishLive(db, regions.map((code) => ({ topic: liveTopics.region(code), kind: "command.changed", data: { source: "knights" } })));
  return { counts, regions };
}
