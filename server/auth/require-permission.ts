import type { Actor } from "@/server/auth/actor-type";
import { missingScope } from "@/server/auth/api-scopes";
import { can, type Permission } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";

/**
 * Deny by default: no caller → UNAUTHORIZED; the caller's roles must grant `permission`
 * (permissions.ts), and an API key must also hold the scope that permission needs (api-scopes.ts) —
 * FORBIDDEN naming the scope. Shared by permissionProcedure and the plain route handlers (app/api/live).
 */
export function requirePermission(actor: Actor | null, permission: Permission): Actor {
  if (!actor) throw new AppError("UNAUTHORIZED", "Sign in to continue.");
  if (!can(actor.roles, permission)) throw new AppError("FORBIDDEN", "You do not have permission to do this.");
  const missing = missingScope(actor, permission);
  if (missing === "none") throw new AppError("FORBIDDEN", "API keys cannot do this.");
  if (missing) throw new AppError("FORBIDDEN", `This API key lacks the scope "${missing}".`);
  return actor;
}
