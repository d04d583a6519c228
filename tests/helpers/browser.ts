import fs from "node:fs";
import { watchBrowser } from "@/tests/helpers/axe";
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Request } from "playwright-core";
import { LIVE_STREAM_PATH } from "@/lib/schemas/live";

const FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

const SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

type BrowserChoice = "system" | "bundled";

/**
 * Which Chromium the browser tests drive. `MUSTER_BROWSER=system` is Debian's (it has CJK fonts, so
 * screenshots show Chinese); `MUSTER_BROWSER=bundled` is the one `npm ci` installs (@sparticuz/chromium,
 * unpacked to the temp folder on first use), so `npm test` works on a machine with only Node.js.
 * Unset: the system one when present, else the bundled one.
 */
export async function resolveChromium(choice = process.env.MUSTER_BROWSER || undefined): Promise<{ kind: BrowserChoice; executablePath: string }> {
  if (choice !== undefined && choice !== "system" && choice !== "bundled") {
    throw new Error(`MUSTER_BROWSER must be "system" or "bundled" (or unset), not "${choice}".`);
  }
  const system = SYSTEM_CHROMIUM.find((p) => fs.existsSync(p));
  if (choice === "system" && !system) {
    throw new Error(`MUSTER_BROWSER=system, but no Chromium at ${SYSTEM_CHROMIUM.join(" or ")}: run \`apt-get install -y chromium\`, or unset MUSTER_BROWSER to use the bundled one.`);
  }
  if (system && choice !== "bundled") return { kind: "system", executablePath: system };
  const { default: bundled } = await import("@sparticuz/chromium");
  return { kind: "bundled", executablePath: await bundled.executablePath() };
}

/**
 * Every page of every context this browser opens is checked by axe-core (tests/helpers/axe.ts) and watched
 * for Content-Security-Policy violations (below); tests/setup/axe.ts and csp-violations.ts fail a test on either.
 */
export async function launchBrowser(): Promise<Browser> {
  const { executablePath } = await resolveChromium();
  return watchBrowser(watchCspInEveryContext(await chromium.launch({ executablePath, args: FLAGS, headless: true })));
}

/** Buttons stay disabled until the page has hydrated; wait for that before clicking. */
export async function enabled(locator: Locator) {
  await locator.waitFor({ state: "visible", timeout: 30_000 });
  for (let i = 0; i < 300 && !(await locator.isEnabled()); i++) await new Promise((r) => setTimeout(r, 100));
}

/** Waits for the element to be shown; false if it never is. */
export async function visible(locator: Locator, timeout = 15_000): Promise<boolean> {
  return locator.first().waitFor({ state: "visible", timeout }).then(() => true, () => false);
}

export const DEMO_PASSWORD = "Muster-demo-2026";

/** A fresh browser context signed in through the sign-in form; resolves on the dashboard. */
export async function signInAs(
  browser: Browser,
  baseUrl: string,
  identifier: string,
  opts: { locale?: "zh-CN" | "en"; viewport?: { width: number; height: number }; password?: string } = {},
): Promise<Page> {
  const locale = opts.locale ?? "zh-CN";
  const context = await browser.newContext({ locale, viewport: opts.viewport ?? { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/${locale}/sign-in`);
  await page.getByTestId("signin-identifier").fill(identifier);
  await page.getByTestId("signin-password").fill(opts.password ?? DEMO_PASSWORD);
  await enabled(page.getByTestId("signin-submit"));
  await page.getByTestId("signin-submit").click();
  await page.waitForURL(new RegExp(`/${locale}/dashboard`));
  return page;
}

/**
 * Counts the page's open live-event streams (requests to GET /api/live not yet finished). A page should
 * hold one, however many components follow live topics (lib/live/live-mux.ts).
 */
export function trackLiveStreams(page: Page): () => number {
  const open = new Set<Request>();
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === LIVE_STREAM_PATH) open.add(r);
  });
  page.on("requestfinished", (r) => open.delete(r));
  page.on("requestfailed", (r) => open.delete(r));
  return () => open.size;
}

// ---- Content-Security-Policy violations ---------------------------------------------------------------
// Every context of a browser from launchBrowser (signInAs's, anonymous ones, browser.newPage's) reports each
// `securitypolicyviolation` its documents raise; tests/setup/csp-violations.ts fails the test that saw one,
// so every browser flow doubles as proof that the policy (lib/security-headers.ts) does not break it.

const cspViolations: string[] = [];
const CSP_BINDING = "__musterCspViolation";

/** The violations reported since the last call (and forgets them). */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}

/** Listens in every document of the context, before the page's own scripts run. */
async function watchCspViolations(context: BrowserContext): Promise<void> {
  await context.exposeBinding(CSP_BINDING, ({ page }, line: string) => {
    cspViolations.push(`${page?.url() ?? "?"}: ${line}`);
  });
  await context.addInitScript((binding: string) => {
    document.addEventListener(
      "securitypolicyviolation",
      (e) => {
        const report = (window as unknown as Record<string, (line: string) => void>)[binding];
        report?.(`${e.effectiveDirective} refused ${e.blockedURI || "inline"} at ${e.sourceFile || "?"}:${e.lineNumber} ${e.sample}`);
      },
      true,
    );
  }, CSP_BINDING);
}

function watchCspInEveryContext(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watchCspViolations(context);
    return context;
  };
  return browser;
}
