import type { Role } from "@/server/auth/permissions";

export type ActorMembership = {
  orgId: string;
  orgRole: "OWNER" | "DISPATCHER" | "MEMBER";
  orgKind: "GOVERNMENT" | "ENTERPRISE" | "RESCUE_TEAM" | "SOCIAL_FORCE" | "RESEARCH";
  verification: "PENDING" | "VERIFIED" | "REJECTED";
};

/** Who is calling: a signed-in person (session) or a machine client (organisation API key). */
export type Actor = {
  via: "session" | "apiKey";
  /** The person; for API keys, the user who created the key (for audit). */
  userId: string;
  roles: Role[];
  memberships: ActorMembership[];
  /** Set for API-key callers: the key's organisation and id. */
  apiKey?: { id: string; orgId: string; scopes: string[] };
};
