import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";

/**
 * What `npm run seed` (and the demo's first start) prints must work where the app really answers:
 * `PORT=3917 npm run demo` printed http://localhost:3000/… before. The seed runs as the launcher runs it
 * (its own process, settings only through the environment), on a small data set.
 */
const APP_URL = "http://muster.test:3917";

let t: TestDatabase;
let output = "";

function runSeedScript(env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "prisma/seed.ts", "--scale", "300", "--knights", "50", "--now", "2026-03-01T08:00:00Z", "--quiet"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`seed exited with ${code}:\n${out}`))));
  });
}

beforeAll(async () => {
  t = await testDb();
  output = await runSeedScript({ ...process.env, DATABASE_URL: t.url, APP_URL, PORT: "3917" });
}, 180_000);

afterAll(async () => {
  await t?.cleanup();
});

describe("the seed's printed output", () => {
  it("prints the delivery platform's try-it commands against the configured APP_URL, never a fixed localhost:3000", () => {
    const urls = output.match(/https?:\/\/[^\s'"]+/g) ?? [];
    expect(urls.length).toBeGreaterThanOrEqual(2);
    for (const url of urls) expect(url.startsWith(`${APP_URL}/`), url).toBe(true);
    expect(output).toContain(`${APP_URL}/api/v1/platform/riders/JL-001/duty`);
    expect(output).toContain(`${APP_URL}/api/v1/platform/riders/JL-001/offers`);
  });
});
