import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".data/**", "node_modules/**", "server/generated/**", "next-env.d.ts", "public/sw.js"],
  },
  {
    rules: {
      // Env is read in one place only (lib/env.ts); launch scripts and tests set it for children.
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read settings through lib/env.ts." }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["lib/env.ts", "scripts/**", "tests/**", "prisma/**", "prisma.config.ts", "**/*.test.ts", "**/*.int.test.ts", "bench/**", "vitest.config.mts"],
    rules: { "no-restricted-properties": "off" },
  },
];

export default config;
