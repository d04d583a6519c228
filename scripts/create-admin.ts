/**
 * Creates (or promotes) a platform admin.
 *   npm run admin:create -- --email admin@example.com --password 'at-least-12-chars' --name 'Admin'
 * Needs DATABASE_URL (the npm script's launcher provides the embedded database when it is unset).
 */
import { parseArgs } from "node:util";
import { createPrismaClient } from "@/server/db";
import { requireDatabaseUrl } from "@/lib/env";
import { isAppError } from "@/server/errors";
import { createAdmin } from "@/server/modules/accounts/create-admin";
import { translatorFor } from "@/lib/i18n/messages-for";

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
      phone: { type: "string" },
    },
    strict: true,
  });
  if (!values.email || !values.password) {
    throw new Error("usage: npm run admin:create -- --email <email> --password <password> [--name <name>] [--phone <mobile>]");
  }
  const db = createPrismaClient(requireDatabaseUrl(), 2);
  try {
    const result = await createAdmin(db, {
      email: values.email,
      password: values.password,
      name: values.name,
      phone: values.phone,
    });
    console.info(`[muster] admin ${result.created ? "created" : "updated"}: ${values.email.toLowerCase()} (${result.userId})`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((e) => {
  if (isAppError(e) && e.fieldErrors) {
    const t = translatorFor("en", "auth");
    const say = (m: string) => (m.startsWith("errors.") ? t(m) : m);
    const lines = Object.entries(e.fieldErrors).map(([field, msgs]) => `  --${field}: ${msgs.map(say).join(" ")}`);
    console.error(`[muster] ${e.message}\n${lines.join("\n")}`);
  } else {
    console.error(`[muster] ${e instanceof Error ? e.message : String(e)}`);
  }
  process.exit(1);
});
