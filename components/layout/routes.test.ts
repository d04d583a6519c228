import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { paths } from "@/components/layout/routes";

const LOCALE_DIR = path.resolve(__dirname, "../../app/[locale]");

/** Every URL path served by a page.tsx under app/[locale], with route groups "(x)" removed. */
function pagePaths(dir = LOCALE_DIR, prefix = ""): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === "page.tsx") found.push(prefix || "/");
    if (!entry.isDirectory()) continue;
    const segment = /^\(.+\)$/.test(entry.name) ? "" : `/${entry.name}`;
    found.push(...pagePaths(path.join(dir, entry.name), prefix + segment));
  }
  return found;
}

describe("paths", () => {
  // A link to a planned page is a 404 for whoever clicks it; each feature adds its path with its page.
  it("names only pages that exist", () => {
    // A dynamic segment ("[id]") matches any one segment; path makers are called with sample values.
    const pages = pagePaths().map((p) => new RegExp(`^${p.replace(/\[[^\]]+\]/g, "[^/]+")}$`));
    const named = Object.values(paths).flatMap((p) =>
      typeof p === "string" ? [p] : (["requester", "supplier", "expert", "knight"] as const).map((k) => p(k)),
    );
    for (const p of named) expect(pages.some((page) => page.test(p)), `no page for ${p}`).toBe(true);
  });
});
