import { afterAll, afterEach, expect } from "vitest";
import { formatA11yFindings, pagesWatchedSoFar, takeA11yFindings } from "@/tests/helpers/axe";

/**
 * e2e setup file (runs in every browser test file): after each test, every page the test visited has been
 * checked by axe-core (tests/helpers/axe.ts); any serious or critical WCAG 2.1 A/AA violation fails the test.
 */
let checks = 0;

afterEach(async () => {
  const findings = await takeA11yFindings();
  checks += findings.checks;
  if (findings.violations.length > 0 || findings.errors.length > 0) {
    throw new Error(formatA11yFindings(findings.violations, findings.errors));
  }
});

afterAll(() => {
  // A browser test that opens its pages some other way than launchBrowser would go unchecked.
  expect(pagesWatchedSoFar(), "no page was opened through launchBrowser (tests/helpers/browser.ts), so none was checked by axe").toBeGreaterThan(0);
  console.info(`[tests] axe: ${checks} page states checked`);
});
