import net from "node:net";
import { describe, expect, it } from "vitest";
import { assertReachable } from "./database";
import { assertPortFree } from "./run";
import { freePort } from "@/server/db/embedded-postgres";

// Start-up failures must read as one sentence that says what to do.
describe("launcher errors", () => {
  it("names the busy port and how to pick another", async () => {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, r));
    const port = (srv.address() as net.AddressInfo).port;
    try {
      await expect(assertPortFree(port)).rejects.toThrow(`Port ${port} is already in use`);
      await expect(assertPortFree(port)).rejects.toThrow("PORT=3001 npm run demo");
    } finally {
      srv.close();
    }
  });

  it("says which DATABASE_URL could not be reached and the ways out", async () => {
    const port = await freePort(); // nothing listens there
    const err = await assertReachable(`postgresql://muster@127.0.0.1:${port}/muster`).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(new RegExp(`Cannot reach the PostgreSQL at DATABASE_URL \\(127\\.0\\.0\\.1:${port}/muster\\)`));
    expect((err as Error).message).toContain("unset DATABASE_URL to use the embedded PostgreSQL");
  });
});
