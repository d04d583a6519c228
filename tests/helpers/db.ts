import crypto from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createPrismaClient, disconnectDb, type PrismaClient } from "@/server/db";
import { withDatabase } from "@/tests/helpers/database-url";

export type TestDatabase = { db: PrismaClient; url: string; name: string; cleanup: () => Promise<void> };

async function createFromTemplate(adminUrl: string, name: string, template: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (e) {
        // 55006: the template is briefly busy while another file copies it.
        if ((e as { code?: string }).code !== "55006" || attempt > 20) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
}

/**
 * A fresh, migrated database for one test file (copied from the run's template), set as
 * DATABASE_URL so code that calls getDb() uses it too. Call cleanup() in afterAll.
 */
export async function testDb(): Promise<TestDatabase> {
  const adminUrl = inject("databaseAdminUrl");
  const name = `muster_t_${inject("testRunId")}_${crypto.randomBytes(4).toString("hex")}`;
  await createFromTemplate(adminUrl, name, inject("templateDatabase"));
  const url = withDatabase(adminUrl, name);
  process.env.DATABASE_URL = url;
  const db = createPrismaClient(url, 5);
  return {
    db,
    url,
    name,
    cleanup: async () => {
      await db.$disconnect();
      await disconnectDb();
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
