import type { PrismaClient } from "@/server/db";
import { startPollingLoop, type JobWorker } from "@/server/jobs/queue";
import { chainAudits } from "@/server/modules/audit/record-audit";

/** How often the worker chains audit rows left pending. */
export const AUDIT_CHAIN_EVERY_MS = 2000;

/**
 * Chains audit rows left in audit_pending (record-audit.ts): normally each writer chains its own right after its
 * commit, but a process killed between its commit and that call, or a database restart in between, leaves them
 * there. At worker start too, for what a crash left. Not a queued job: the call is idempotent and nearly free when
 * nothing is pending, and a timer keeps it running whatever state the job table is in. Two workers are harmless
 * (the chaining takes the chain's lock).
 */
export function startAuditChainer(db: PrismaClient, everyMs = AUDIT_CHAIN_EVERY_MS): JobWorker {
  let failing = false;
  return startPollingLoop(async () => {
    try {
      await chainAudits(db);
      if (failing) console.info("[muster] audit: chaining pending rows works again");
      failing = false;
    } catch (e) {
      // Once per outage, not every tick.
      if (!failing) console.warn(`[muster] audit: could not chain pending rows, trying again every ${everyMs} ms (${(e as Error).message})`);
      failing = true;
    }
    return false;
  }, everyMs);
}
