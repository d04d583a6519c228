import { createContext } from "@/server/api/trpc";
import { can } from "@/server/auth/permissions";
import { readTaskPhoto } from "@/server/modules/knights/photos/photo-access";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const notFound = () => Response.json({ message: "Not found.", code: "NOT_FOUND" }, { status: 404, headers: { "cache-control": "no-store" } });

/**
 * One knight task photo, for its knight and the task's dispatchers (server/modules/knights/photos/photo-access.ts).
 * Anyone else — and any unknown id — gets the same 404. A route rather than tRPC: an <img src> needs the
 * raw bytes with their content type, which the browser can then cache privately (never a shared cache).
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { db, actor } = await createContext({ headers: req.headers });
  if (!actor) return Response.json({ message: "Sign in to continue.", code: "UNAUTHORIZED" }, { status: 401, headers: { "cache-control": "no-store" } });
  if (!can(actor.roles, "taskPhoto.read") || id.length > 64) return notFound();
  const photo = await readTaskPhoto(db, actor, id);
  if (!photo) return notFound();
  return new Response(new Blob([photo.bytes]).stream(), {
    headers: {
      "content-type": photo.contentType,
      "content-length": String(photo.bytes.length),
      // Photos never change (a new photo is a new id); private: only this signed-in browser may keep a copy.
      "cache-control": "private, max-age=600",
      // Another person signing in on the same browser must not be served this copy.
      vary: "Cookie",
      // nosniff and a sandboxed, load-nothing CSP come from proxy.ts (lib/security-headers.ts, "api").
      "content-disposition": "inline",
    },
  });
}
