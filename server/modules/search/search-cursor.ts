import { z } from "zod";
import { AppError } from "@/server/errors";

/**
 * Keyset cursor of the PostgreSQL engine: the last hit's sort key (relevance, verified, available, distance,
 * kind, id) as base64url JSON. Every key sorts ascending (relevance negated), so "after" is one row comparison.
 */
export type SortKey = [negScore: number, unverified: number, unavailable: number, dist: number, kind: string, id: string];

const ZSortKey = z.tuple([z.number(), z.number().int(), z.number().int(), z.number(), z.string().max(20), z.string().max(64)]);

export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor(cursor: string): SortKey {
  try {
    return ZSortKey.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new AppError("BAD_REQUEST", "Invalid cursor.", { cursor: ["errors.badCursor"] });
  }
}
