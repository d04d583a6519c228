import { afterAll, afterEach } from "vitest";
import { takeCspViolations } from "@/tests/helpers/browser";

/**
 * e2e setup file: a browser test fails when any page it drove reported a Content-Security-Policy violation
 * (collected by tests/helpers/browser.ts). afterAll catches any reported after the last test's end.
 */
function assertNone(when: string) {
  const found = takeCspViolations();
  if (found.length > 0) throw new Error(`Content-Security-Policy violations ${when}:\n  ${found.join("\n  ")}`);
}

afterEach(() => assertNone("during this test"));
afterAll(() => assertNone("after the last test"));
