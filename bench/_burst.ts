import http from "node:http";
import { migrate } from "@/scripts/lib/migrate";
import { scratchDatabase } from "@/bench/lib/scratch-database";
import { startBenchServer } from "@/bench/lib/dispatch-bench-server";
import { getJson } from "@/bench/lib/loopback-http";
async function main() {
  const { url, stop } = await scratchDatabase("bench-burst");
  process.env.DATABASE_URL = url;
  await migrate(url, { quiet: true });
  const srvs = [await startBenchServer(url)];
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  for (const n of [250, 250, 250, 250, 250, 250]) {
    for (const path of ["/api/trpc/system.health", "/nothing"]) {
      const lat: number[] = [];
      const t = performance.now();
      await Promise.all(Array.from({ length: n }, async (_, i) => { const s = performance.now(); await getJson(agent, srvs[i % srvs.length]!.port, path, {}); lat.push(performance.now() - s); }));
      lat.sort((a, b) => a - b);
      console.log(`${n} × ${path}: all ${(performance.now() - t).toFixed(1)} ms, p50 ${lat[n >> 1]!.toFixed(1)}, p99 ${lat[Math.floor(n * 0.99)]!.toFixed(1)}`);
    }
  }
  for (const s of srvs) s.child.disconnect();
  await new Promise((r) => setTimeout(r, 1500));
  agent.destroy();
  await stop();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
