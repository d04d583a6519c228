import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, Prisma } from "@/server/generated/prisma/client";
import { requireDatabaseUrl } from "@/lib/env";

/** A client or an interactive transaction: query functions take this first so tests can pass a transaction. */
export type Db = PrismaClient | Prisma.TransactionClient;
export type { PrismaClient };

export function createPrismaClient(url: string, poolSize = 10): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: poolSize }),
    log: [{ level: "error", emit: "stdout" }],
  });
}

const globalForPrisma = globalThis as unknown as { musterPrisma?: PrismaClient; musterPrismaUrl?: string };

/** The process-wide client, created on first use (so importing this file never needs a database). */
export function getDb(): PrismaClient {
  const url = requireDatabaseUrl();
  if (!globalForPrisma.musterPrisma || globalForPrisma.musterPrismaUrl !== url) {
    globalForPrisma.musterPrisma = createPrismaClient(url);
    globalForPrisma.musterPrismaUrl = url;
  }
  return globalForPrisma.musterPrisma;
}

export async function disconnectDb() {
  await globalForPrisma.musterPrisma?.$disconnect();
  globalForPrisma.musterPrisma = undefined;
}
