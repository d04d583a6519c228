import { describe, expect, inject, it } from "vitest";
import { prismaCli } from "@/scripts/lib/migrate";

/**
 * schema.prisma and the committed migrations describe the same database: Prisma's own diff from the
 * migrations (replayed in a shadow database on the test server) to the schema is empty. Raw-SQL objects
 * (GiST/exclusion/partial indexes, triggers) are invisible to the diff by design (see schema.prisma's header).
 * A drift here means the next `migrate dev` would emit surprise changes — or the client expects columns the
 * migrations never made.
 */
describe("schema.prisma vs prisma/migrations", () => {
  it("has no drift", async () => {
    const args = ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--script"];
    const { code, stdout, stderr } = await prismaCli(inject("databaseAdminUrl"), args, { quiet: true });
    expect(code, stderr).toBe(0);
    const statements = stdout.split("\n").filter((l) => l.trim() && !l.startsWith("--") && !l.startsWith("Loaded Prisma config"));
    expect(statements, `drift (add a migration):\n${stdout}`).toEqual([]);
  }, 150_000);
});
