import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { isDbUnavailable } from "@/server/db-errors";

/**
 * A transaction that outlives its timeout is rolled back by Prisma's timer; a query in flight then has come back
 * null, and the code after it failed with a TypeError (a 500 in the surge drill). Such a failure is the expiry:
 * answered as unavailable (503, retry), with nothing written. The same TypeError inside the time is a bug, and
 * stays one.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => t?.cleanup());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** What create-need did with the null: read a field of it. */
const readIdOf = (row: { id: string } | null) => row!.id;

async function rejection(run: () => Promise<unknown>): Promise<Error> {
  const e = await run().then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(Error);
  return e as Error;
}

describe("a transaction that expired while it ran", () => {
  it("turns the TypeError of a query that came back empty into an expiry: unavailable, nothing written", async () => {
    const email = "late-writer@example.cn";
    const e = await rejection(() =>
      t.db.$transaction(
        async (tx) => {
          await tx.user.create({ data: { email }, select: { id: true } });
          await sleep(400);
          return readIdOf(null);
        },
        { timeout: 200 },
      ),
    );
    expect(e).not.toBeInstanceOf(TypeError);
    expect(e.message).toMatch(/expired transaction: it ran \d+ ms against a timeout of 200 ms/);
    expect(e.cause).toBeInstanceOf(TypeError);
    expect(isDbUnavailable(e)).toBe(true);
    expect(await t.db.user.count({ where: { email } })).toBe(0);
  });

  it("leaves a TypeError inside the time as it is: a bug to see, not a retry", async () => {
    const e = await rejection(() => t.db.$transaction(async () => readIdOf(null), { timeout: 5000 }));
    expect(e).toBeInstanceOf(TypeError);
    expect(isDbUnavailable(e)).toBe(false);
  });

  it("leaves any other error of a late transaction as it is", async () => {
    const e = await rejection(() =>
      t.db.$transaction(
        async () => {
          await sleep(300);
          throw new RangeError("quantity must be positive");
        },
        { timeout: 100 },
      ),
    );
    expect(e).toBeInstanceOf(RangeError);
  });
});
