import crypto from "node:crypto";
import type { PrismaClient } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { deriveRoles } from "@/server/auth/roles";
import { env } from "@/lib/env";
import { runSeed } from "@/prisma/seed/run-seed";
import type { SearchEngine } from "@/server/modules/search/search-types";
import { postgresEngine } from "@/server/modules/search/postgres-engine";
import { meiliEngine } from "@/server/modules/search/meili-engine";
import { indexAllDocuments } from "@/server/modules/search/index-all";
import { Meilisearch } from "meilisearch";

/** The demo seed (seed "muster", 3,200 listings; fewer knights, which search does not index). */
export const SEARCH_SEED_NOW = new Date("2026-03-01T08:00:00Z");

export async function seedDemo(db: PrismaClient, url: string): Promise<void> {
  await runSeed(db, { seed: "muster", scale: 3200, knights: 50, now: SEARCH_SEED_NOW, url });
}

export type TestEngine = { engine: SearchEngine; cleanup: () => Promise<void> };

/**
 * Every configured engine, filled from the database: PostgreSQL always; Meilisearch only when MEILI_HOST is set
 * (its own throw-away index). Says plainly when the Meilisearch half does not run.
 */
export async function configuredTestEngines(db: PrismaClient, label: string): Promise<TestEngine[]> {
  const out: TestEngine[] = [{ engine: postgresEngine(db), cleanup: async () => {} }];
  if (!env.MEILI_HOST) {
    console.log(`[search ${label}] MEILI_HOST is not set: the Meilisearch half of this suite DID NOT RUN (PostgreSQL only).`);
  } else {
    const uid = `muster_test_${crypto.randomBytes(4).toString("hex")}`;
    const engine = meiliEngine({ host: env.MEILI_HOST, apiKey: env.MEILI_API_KEY, indexUid: uid });
    await engine.ensureSettings();
    out.push({
      engine,
      cleanup: async () => {
        await new Meilisearch({ host: env.MEILI_HOST!, apiKey: env.MEILI_API_KEY }).deleteIndex(uid).waitTask();
      },
    });
  }
  await indexAllDocuments(db, out.map((e) => e.engine));
  return out;
}

/** The Actor a session of this user would have (same derivation as the session resolver). */
export async function actorOf(db: PrismaClient, email: string): Promise<Actor> {
  const u = await db.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, kind: true, platformRole: true, memberships: { select: { orgId: true, role: true, org: { select: { kind: true, verification: true } } } } },
  });
  const memberships = u.memberships.map((m) => ({ orgId: m.orgId, orgRole: m.role, orgKind: m.org.kind, verification: m.org.verification }));
  return { via: "session", userId: u.id, roles: deriveRoles({ platformRole: u.platformRole, kind: u.kind, memberships }), memberships };
}
