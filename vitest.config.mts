import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));
const alias = {
  "@": root,
  // `server-only` throws outside React Server Components; in tests the guard has nothing to guard.
  "server-only": path.resolve(root, "node_modules/server-only/empty.js"),
};
const shared = { resolve: { alias } };
// next-auth imports `next/server` without an extension; inlining lets Vite resolve it.
const deps = { server: { deps: { inline: ["next-auth"] } } };

/**
 * Three projects, one command (`npm test`):
 *  - unit: pure code, next to the file it tests (*.test.ts)
 *  - integration: real PostgreSQL, one fresh database per test file (*.int.test.ts)
 *  - e2e: the built app served on a seeded database, driven through Chromium (tests/e2e)
 */
export default defineConfig({
  test: {
    reporters: ["default"],
    projects: [
      {
        ...shared,
        test: {
          name: "unit",
          sequence: { groupOrder: 0 },
          environment: "node",
          ...deps,
          include: ["{app,server,lib,components,prisma,scripts}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.int.test.{ts,tsx}", "node_modules/**", "server/generated/**"],
        },
      },
      {
        ...shared,
        test: {
          name: "integration",
          sequence: { groupOrder: 1 },
          environment: "node",
          ...deps,
          include: ["{app,server,lib,prisma,scripts,tests}/**/*.int.test.{ts,tsx}"],
          exclude: ["node_modules/**", "tests/e2e/**"],
          globalSetup: ["tests/setup/database.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: "forks",
          maxWorkers: 2,
        },
      },
      {
        ...shared,
        test: {
          name: "e2e",
          sequence: { groupOrder: 2 },
          environment: "node",
          ...deps,
          include: ["tests/e2e/**/*.e2e.test.ts"],
          globalSetup: ["tests/setup/database.ts", "tests/setup/app-server.ts"],
          // Every page a browser test visits is checked by axe-core (serious/critical WCAG 2.1 A/AA violations fail
          // the test) and for Content-Security-Policy violations (any fails the test).
          setupFiles: ["tests/setup/axe.ts", "tests/setup/csp-violations.ts"],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          pool: "forks",
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
});
