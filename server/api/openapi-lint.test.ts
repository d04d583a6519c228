import { describe, expect, it } from "vitest";
import { createConfig, lintFromString, type NormalizedProblem } from "@redocly/openapi-core";
import { appRouter } from "@/server/api/root";
import { getOpenApiDocument } from "@/server/api/openapi";

/**
 * The document /api/v1/openapi.json serves, linted with Redocly's `recommended` rules (offline, no built
 * app): any error or warning fails the test and is printed. (Every operation, the public ones included,
 * can answer 429 — anonymous calls are budgeted per client IP — so each has a 4XX to document.)
 */

type Doc = Record<string, unknown>;

async function lint(doc: Doc): Promise<NormalizedProblem[]> {
  const config = await createConfig({ extends: ["recommended"] });
  return lintFromString({ source: JSON.stringify(doc), absoluteRef: "openapi.json", config });
}

const show = (problems: NormalizedProblem[]) =>
  problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location.map((l) => l.pointer).join(", ")}`).join("\n");

describe("OpenAPI document lint (Redocly recommended)", () => {
  const doc = getOpenApiDocument(appRouter) as unknown as Doc;

  it("has no errors and no warnings", async () => {
    expect(show(await lint(doc))).toBe("");
  });
});
