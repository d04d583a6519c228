/**
 * The search sync worker alone, as a child process the kill test SIGKILLs and restarts (no reconcile: the test must
 * show that the outbox alone loses nothing). DATABASE_URL names the test database.
 */
import { createPrismaClient } from "@/server/db";
import { postgresEngine } from "@/server/modules/search/postgres-engine";
import { startSearchSync } from "@/server/modules/search/sync/sync-worker";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");
const db = createPrismaClient(url, 3);
startSearchSync(db, { url, engines: [postgresEngine(db)], batch: 200, log: (m, e) => console.error(m, e ?? "") });
process.stdout.write("search sync started\n");
