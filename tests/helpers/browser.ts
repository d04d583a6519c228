import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";

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

/** Debian's Chromium (installed by .ci/run: `apt-get install -y chromium`). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = SYSTEM_CHROMIUM.find((p) => fs.existsSync(p));
  if (!executablePath) {
    throw new Error("Chromium is not installed: run `apt-get install -y chromium` (the CI script does this), then npm test again.");
  }
  return chromium.launch({ executablePath, args: FLAGS, headless: true });
}
