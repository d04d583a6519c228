import { describe, expect, it } from "vitest";
import { createConfig, lintFromString, type NormalizedProblem } from "@redocly/openapi-core";
import { appRouter } from "@/server/api/root";
import { getOpenApiDocument } from "@/server/api/openapi";

/**
 * The document /api/v1/openapi.json serves, linted with Redocly's `recommended` rules (offline, no built
 * app): any error or warning fails the test and is printed.
 *
 * One deliberate exception: `operation-4xx-response` on an operation that is public (`security: []`) and
 * takes no input at all (GET /health, GET /stats). Nothing a client sends can make it fail with a 4XX —
 * a bad API key is treated as anonymous, extra query parameters are ignored — so documenting one would
 * be false. The exception is derived from the document, so it cannot hide a 4XX missing elsewhere.
 */

type Op = { security?: unknown[]; parameters?: unknown[]; requestBody?: unknown };
type Doc = { paths: Record<string, Record<string, Op>> };

function operationAt(doc: Doc, pointer: string): Op | undefined {
  const m = /^#\/paths\/([^/]+)\/([a-z]+)\/responses$/.exec(pointer);
  if (!m) return undefined;
  const path = m[1].replace(/~1/g, "/").replace(/~0/g, "~");
  return doc.paths[path]?.[m[2]];
}

/** Public and input-free: it has no client error to document. */
function cannotFailWith4xx(doc: Doc, p: NormalizedProblem): boolean {
  if (p.ruleId !== "operation-4xx-response") return false;
  const op = operationAt(doc, p.location[0]?.pointer ?? "");
  return !!op && Array.isArray(op.security) && op.security.length === 0 && !op.parameters?.length && !op.requestBody;
}

async function lint(doc: Doc): Promise<NormalizedProblem[]> {
  const config = await createConfig({ extends: ["recommended"] });
  return lintFromString({ source: JSON.stringify(doc), absoluteRef: "openapi.json", config });
}

const show = (problems: NormalizedProblem[]) =>
  problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location.map((l) => l.pointer).join(", ")}`).join("\n");

describe("OpenAPI document lint (Redocly recommended)", () => {
  const doc = getOpenApiDocument(appRouter) as unknown as Doc;

  it("has no errors and no warnings", async () => {
    const problems = (await lint(doc)).filter((p) => !cannotFailWith4xx(doc, p));
    expect(show(problems)).toBe("");
  });

  it("tolerates a missing 4XX only on public operations without input", async () => {
    const tolerated = (await lint(doc)).filter((p) => cannotFailWith4xx(doc, p)).map((p) => p.location[0]?.pointer);
    expect(tolerated.sort()).toEqual(["#/paths/~1health/get/responses", "#/paths/~1stats/get/responses"]);
  });
});
