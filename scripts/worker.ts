/**
 * The job worker (offer holds, "offer the next candidate", …) as its own process:
 *   DATABASE_URL=postgresql://… npx tsx scripts/worker.ts
 * State lives in the `job` table, so stopping and restarting loses nothing; run one or more of these next
 * to the app (SKIP LOCKED keeps them from running the same job). Ctrl-C / SIGTERM finish the batch, then exit.
 */
import { getDb, disconnectDb } from "@/server/db";
import { startAppWorker } from "@/server/jobs/worker";

const worker = startAppWorker(getDb());
console.info("[muster] job worker started");
const stop = async () => {
  await worker.stop();
  await disconnectDb();
  console.info("[muster] job worker stopped");
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
