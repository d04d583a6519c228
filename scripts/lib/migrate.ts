import { spawn } from "node:child_process";
import path from "node:path";

/** Applies the committed Prisma migrations (prisma migrate deploy) — the same command on every path. */
export async function migrate(url: string, opts: { quiet?: boolean } = {}) {
  const cli = path.resolve("node_modules/prisma/build/index.js");
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
      stdio: opts.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (c) => {
      if (c !== 0 && opts.quiet) process.stderr.write(output);
      resolve(c ?? 1);
    });
  });
  if (code !== 0) throw new Error(`Database migration failed (prisma migrate deploy exited with ${code}); see the output above.`);
}
