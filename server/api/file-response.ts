import { createContext } from "@/server/api/trpc";
import { can } from "@/server/auth/permissions";
import type { Actor } from "@/server/auth/actor-type";
import type { Db } from "@/server/db";
import type { EvidenceFile } from "@/server/modules/compensation/evidence-files";

const noStore = { "cache-control": "no-store" };
const notFound = () => Response.json({ message: "Not found.", code: "NOT_FOUND" }, { status: 404, headers: noStore });

/** One evidence photo or receipt for a signed-in party (the same 404 for anyone else and any unknown id). */
export async function fileResponse(req: Request, id: string, read: (db: Db, actor: Actor, id: string) => Promise<EvidenceFile | null>): Promise<Response> {
  const { db, actor } = await createContext({ headers: req.headers });
  if (!actor) return Response.json({ message: "Sign in to continue.", code: "UNAUTHORIZED" }, { status: 401, headers: noStore });
  if (!can(actor.roles, "compensation.read") || id.length > 64) return notFound();
  const file = await read(db, actor, id);
  if (!file) return notFound();
  return new Response(new Blob([file.bytes]).stream(), {
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.bytes.length),
      // Files never change (a new file is a new id); private to this signed-in browser.
      "cache-control": "private, max-age=600",
      vary: "Cookie",
      "content-disposition": file.contentType === "application/pdf" ? "attachment" : "inline",
    },
  });
}
