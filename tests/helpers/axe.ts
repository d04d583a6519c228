import fs from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults, Result } from "axe-core";
import type { Browser, BrowserContext, Page, Request } from "playwright-core";

/**
 * Accessibility check for every page the browser tests visit. `watchBrowser` (called by launchBrowser)
 * makes every context of the browser watch its pages: each main-frame navigation (full loads and client
 * route changes alike) is followed, once the page settles, by an axe-core run over the WCAG 2.0/2.1 A and
 * AA rules. Serious and critical violations are kept; tests/setup/axe.ts fails the test that produced them.
 *
 * When is a page checked? A test usually acts on a page as soon as it has hydrated, and often navigates
 * on before it would ever sit idle, so a check in the background alone would miss most pages. So the
 * calls with which a test arrives somewhere (goto, waitForURL, reload, goBack, goForward) check the page
 * they arrive at before returning; navigations no test waits for are checked in the background once the
 * page settles; closing a page or context, and the end of each test, checks what is still unchecked.
 *
 * axe is injected with page.evaluate (DevTools protocol), not a <script> tag, so the app's
 * Content-Security-Policy neither blocks it nor has to be loosened for tests.
 */

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const FAILING_IMPACTS = new Set(["serious", "critical"]);
/** A page has settled when no request (live event streams aside) has been open for this long... */
const QUIET_MS = 400;
/** ...or, on a page that keeps polling, after this long. */
const SETTLE_CAP_MS = 6_000;

export type A11yViolation = { url: string; rule: string; impact: string; help: string; targets: string[] };

type Watch = {
  timer: NodeJS.Timeout | null;
  running: Promise<void>;
  /** Main-frame navigations so far, and the last one checked. */
  navigations: number;
  checked: number;
  /** Requests in flight, and when one last started or ended (to tell when the page has settled). */
  open: Set<Request>;
  lastActivity: number;
};

const watches = new Map<Page, Watch>();
const found = new Map<string, A11yViolation>();
const errors: string[] = [];
let checks = 0;
let pagesWatched = 0;

/** Patches the browser so every context it makes (signed in or not) watches its pages. */
export function watchBrowser(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => watchContext(await newContext(...args));
  return browser;
}

function watchContext(context: BrowserContext): BrowserContext {
  context.on("page", watchPage);
  // Closing a context checks its pages as they are first, so a test that navigates and closes at once is still checked.
  const close = context.close.bind(context);
  context.close = async (...args) => {
    await Promise.all(context.pages().map(flushPage));
    return close(...args);
  };
  return context;
}

function watchPage(page: Page) {
  pagesWatched++;
  const watch: Watch = { timer: null, running: Promise.resolve(), navigations: 0, checked: 0, open: new Set(), lastActivity: Date.now() };
  watches.set(page, watch);
  // Requests in flight (hydration chunks, tRPC queries) mean the page is still rendering; live streams never end.
  const done = (r: Request) => {
    if (watch.open.delete(r)) watch.lastActivity = Date.now();
  };
  page.on("request", (r) => {
    if (r.resourceType() === "eventsource" || r.headers().accept?.includes("text/event-stream")) return;
    watch.open.add(r);
    watch.lastActivity = Date.now();
  });
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  page.on("framenavigated", (frame) => {
    if (frame !== page.mainFrame()) return;
    watch.navigations++;
    if (watch.timer) clearTimeout(watch.timer);
    watch.timer = setTimeout(() => startCheck(page, watch), QUIET_MS);
  });
  // Arriving somewhere checks the page there before the test goes on.
  const arrive = <A extends unknown[], R>(go: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const result = await go(...args);
      await flushPage(page);
      return result;
    };
  page.goto = arrive(page.goto.bind(page));
  page.waitForURL = arrive(page.waitForURL.bind(page));
  page.reload = arrive(page.reload.bind(page));
  page.goBack = arrive(page.goBack.bind(page));
  page.goForward = arrive(page.goForward.bind(page));
  page.on("close", () => {
    if (watch.timer) clearTimeout(watch.timer);
    watches.delete(page);
  });
  const close = page.close.bind(page);
  page.close = async (...args) => {
    await flushPage(page);
    return close(...args);
  };
}

function startCheck(page: Page, watch: Watch) {
  watch.timer = null;
  const navigation = watch.navigations;
  watch.running = watch.running.then(() => check(page, watch, navigation));
}

async function check(page: Page, watch: Watch, navigation: number) {
  // Already checked, or a newer navigation has its own check.
  if (page.isClosed() || navigation !== watch.navigations || watch.checked === navigation) return;
  try {
    await page.waitForLoadState("load", { timeout: 15_000 });
    await settled(watch);
    if (page.isClosed() || navigation !== watch.navigations) return;
    const url = page.url();
    if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
    const results = await page.evaluate(
      (tags) =>
        (window as unknown as { axe: typeof import("axe-core") }).axe.run(document, {
          runOnly: { type: "tag", values: tags },
          resultTypes: ["violations"],
        }),
      TAGS,
    );
    checks++;
    watch.checked = navigation;
    record(url, results);
  } catch (error) {
    // A navigation or close during the run destroys the document it was checking; the next page gets its own run.
    if (interrupted(error) || page.isClosed() || navigation !== watch.navigations) return;
    errors.push(`${page.url()}: axe could not run: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function settled(watch: Watch) {
  const cap = Date.now() + SETTLE_CAP_MS;
  while (Date.now() < cap && (watch.open.size > 0 || Date.now() - watch.lastActivity < QUIET_MS)) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

function interrupted(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /Execution context was destroyed|Target page, context or browser has been closed|Target closed|frame was detached|navigat/i.test(message);
}

function record(url: string, results: AxeResults) {
  for (const v of results.violations) {
    if (!v.impact || !FAILING_IMPACTS.has(v.impact)) continue;
    for (const node of v.nodes) {
      const targets = node.target.map(String);
      const key = `${url}|${v.id}|${targets.join(" ")}`;
      found.set(key, { url, rule: v.id, impact: v.impact, help: describe(v, node), targets });
    }
  }
}

/** The rule's help text, plus the measured colours for contrast failures (what to change in the tokens). */
function describe(v: Result, node: Result["nodes"][number]): string {
  const data = node.any.find((c) => c.id === "color-contrast")?.data as
    | { fgColor?: string; bgColor?: string; contrastRatio?: number; expectedContrastRatio?: string }
    | undefined;
  if (!data?.fgColor) return v.help;
  return `${v.help}: ${data.fgColor} on ${data.bgColor} is ${data.contrastRatio}:1, needs ${data.expectedContrastRatio}`;
}

/** Checks the page as it is now unless that was done already, and waits for it. */
async function flushPage(page: Page) {
  const watch = watches.get(page);
  if (!watch) return;
  if (watch.timer) clearTimeout(watch.timer);
  startCheck(page, watch);
  await watch.running;
}

/** Finishes every pending check and returns (and forgets) what was found since the last call. */
export async function takeA11yFindings(): Promise<{ violations: A11yViolation[]; errors: string[]; checks: number }> {
  await Promise.all([...watches.keys()].map(flushPage));
  const result = { violations: [...found.values()], errors: errors.splice(0), checks };
  found.clear();
  checks = 0;
  return result;
}

export function pagesWatchedSoFar(): number {
  return pagesWatched;
}

export function formatA11yFindings(violations: A11yViolation[], errs: string[]): string {
  const lines = violations.map((v) => `  [${v.impact}] ${v.rule} at ${v.targets.join(" > ")} on ${v.url}\n      ${v.help}`);
  return [`${violations.length} serious/critical accessibility violation(s) (axe-core, WCAG 2.1 A/AA):`, ...lines, ...errs.map((e) => `  ${e}`)].join("\n");
}
