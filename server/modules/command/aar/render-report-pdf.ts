import fs from "node:fs";
import { env } from "@/lib/env";

/** Debian's Chromium (the browser tests use it too), when installed. */
const SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
const FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"];

/**
 * Where a Chromium is: the system one, else the npm-bundled @sparticuz/chromium when it is installed
 * (a devDependency: present on developer and CI machines). Null when neither is — the caller answers 503.
 * (tests/helpers/browser.ts resolves the same way but pulls in the test-only axe watcher, so it is not
 * imported here.)
 */
async function chromiumPath(): Promise<{ executablePath: string; args: string[] } | null> {
  const system = SYSTEM_CHROMIUM.find((p) => fs.existsSync(p));
  if (system) return { executablePath: system, args: FLAGS };
  try {
    const { default: bundled } = await import("@sparticuz/chromium");
    return { executablePath: await bundled.executablePath(), args: [...bundled.args, ...FLAGS] };
  } catch {
    return null;
  }
}

export class PdfUnavailableError extends Error {}

/**
 * Prints a page of this app to PDF (A4, print styles, backgrounds) with headless Chromium, as the reader:
 * their cookie goes with every request, and only this server's own loopback address is ever opened (never a
 * host taken from the request), so it cannot be turned against another site.
 */
export async function renderPagePdf(path: string, cookie: string | null, readySelector: string): Promise<Uint8Array> {
  if (!path.startsWith("/")) throw new Error("renderPagePdf takes a path on this server.");
  const found = await chromiumPath();
  if (!found) throw new PdfUnavailableError("No Chromium is installed on this server.");
  let chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    throw new PdfUnavailableError("playwright-core is not installed on this server.");
  }
  const browser = await chromium.launch({ executablePath: found.executablePath, args: found.args, headless: true }).catch((e: unknown) => {
    throw new PdfUnavailableError(`Chromium did not start: ${(e as Error).message}`);
  });
  try {
    const context = await browser.newContext({ extraHTTPHeaders: cookie ? { cookie } : {} });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${env.PORT}${path}`, { waitUntil: "load", timeout: 60_000 });
    await page.waitForSelector(readySelector, { timeout: 30_000 });
    await page.emulateMedia({ media: "print" });
    return await page.pdf({ format: "A4", printBackground: true, margin: { top: "16mm", bottom: "16mm", left: "14mm", right: "14mm" } });
  } finally {
    await browser.close();
  }
}
