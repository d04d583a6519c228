import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Development convenience: a random AUTH_SECRET kept beside the embedded data, so sessions survive restarts. */
export function localAuthSecret(dataDir: string): string {
  const file = path.resolve(dataDir, "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}
