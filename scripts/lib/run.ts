import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code ?? signal}`)),
    );
  });
}

export function start(cmd: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(cmd, args, { env, stdio: "inherit" });
}

export async function assertPortFree(port: number) {
  await new Promise<void>((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", () =>
      reject(new Error(`Port ${port} is already in use. Stop whatever is listening there, or start Muster on another port: PORT=3001 npm run demo`)),
    );
    srv.listen(port, () => srv.close(() => resolve()));
  });
}

export async function waitForHttp(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
}
