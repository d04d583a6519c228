import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { claimOutboxRows } from "@/server/modules/search/sync/outbox-claim";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => t?.cleanup());

const insertRow = (db: TestDatabase["db"], id: string, availableAt: string) =>
  db.$executeRawUnsafe(`INSERT INTO outbox_event (id, topic, aggregate_id, payload, created_at, available_at) VALUES ($1, 'search.resource', $1, '{}', now(), ${availableAt})`, id);

describe("claiming search outbox rows", () => {
  it("takes a row whose available_at was rounded up to the next millisecond (a change committed just before)", async () => {
    const claimed = await t.db.$transaction(async (tx) => {
      // Half a millisecond ahead, stored in milliseconds: rounded up to as much as 1 ms ahead of now().
      await insertRow(tx as TestDatabase["db"], "ox-rounded", "now() + interval '0.5 ms'");
      return claimOutboxRows(tx, 10);
    });
    expect(claimed.map((r) => r.aggregateId)).toContain("ox-rounded");
  });

  it("still waits out a backoff", async () => {
    await insertRow(t.db, "ox-backoff", "clock_timestamp() + interval '2 s'");
    const claimed = await t.db.$transaction((tx) => claimOutboxRows(tx, 10));
    expect(claimed.map((r) => r.aggregateId)).not.toContain("ox-backoff");
  });
});
