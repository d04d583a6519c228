import { randomUUID } from "node:crypto";

/** A cuid-shaped primary key for rows the dispatch writes in raw SQL (Prisma makes them only for its own inserts). */
export const newRowId = (): string => `c${randomUUID().replace(/-/g, "").slice(0, 24)}`;
