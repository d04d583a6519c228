import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { TViewer } from "@/lib/schemas/dashboard";

/**
 * What the app shell shows about the signed-in person (name, e-mail, roles) — nothing more.
 * Sessions only: an API key acts for an organisation, and must not reveal who created it.
 */
export async function getViewer(db: Db, actor: Actor): Promise<TViewer> {
  if (actor.via !== "session") throw new AppError("FORBIDDEN", "Only a signed-in person has a profile.");
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { name: true, email: true } });
  return { userId: actor.userId, name: user?.name ?? null, email: user?.email ?? null, roles: [...actor.roles] };
}
