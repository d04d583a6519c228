import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { appRouter } from "@/server/api/root";
import { getOpenApiDocument } from "@/server/api/openapi";

/**
 * Client contract: generate TypeScript types from the document /api/v1/openapi.json serves (as
 * openapi-typescript does for a client), then type-check tests/contract/rest-client-usage.ts against
 * them with the TypeScript compiler. A schema change that would break such a client — a renamed path
 * or field, a tightened type, a parameter turned required — fails here; additions do not.
 */

const root = path.resolve(__dirname, "../..");
const usageFile = path.join(root, "tests/contract/rest-client-usage.ts");
const generatedFile = path.join(root, "tests/contract/muster-api.ts"); // served from memory, never written

async function generateClientTypes(): Promise<string> {
  const doc = getOpenApiDocument(appRouter);
  const ast = await openapiTS(JSON.parse(JSON.stringify(doc)), { silent: true });
  return astToString(ast);
}

const parsed = new Map<string, ts.SourceFile | undefined>();

/** Type-checks the usage file with the generated module in memory; returns the diagnostics as text. */
function typeCheck(generated: string): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
    types: [],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => f === generatedFile || fileExists.call(host, f);
  host.readFile = (f) => (f === generatedFile ? generated : readFile.call(host, f));
  host.getSourceFile = (f, lang, ...rest) => {
    if (f === generatedFile) return ts.createSourceFile(f, generated, lang);
    // lib.dom.d.ts and friends are parsed once for all checks in this file.
    let sf = parsed.get(f);
    if (!sf) parsed.set(f, (sf = getSourceFile.call(host, f, lang, ...rest)));
    return sf;
  };
  const program = ts.createProgram([usageFile], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const file = d.file ? path.relative(root, d.file.fileName) : "";
    return `${file}${where ? `:${where.line + 1}:${where.character + 1}` : ""} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

describe("REST client contract (openapi-typescript + openapi-fetch)", () => {
  // Compiling against lib.dom takes seconds on a busy machine: a generous budget, no timing assertion.
  const slow = 120_000;
  let generated = "";
  beforeAll(async () => {
    generated = await generateClientTypes();
  }, slow);

  it("generates client types for the operations clients rely on", () => {
    for (const p of ["/health", "/resource-types", "/needs/{id}/match", "/platform/riders/{externalRiderId}/offers"]) {
      expect(generated).toContain(`"${p}": {`);
    }
  });

  it("type-checks a client's calls: right ones compile, wrong ones are rejected", () => {
    expect(typeCheck(generated).join("\n")).toBe("");
  }, slow);

  it("would catch a breaking schema change", () => {
    // The same check against types where a field clients read was renamed: it must fail.
    const broken = generated.replace(/\bdistanceBand\b/g, "distanceRange");
    expect(typeCheck(broken).join("\n")).toMatch(/distanceBand/);
  }, slow);
});
