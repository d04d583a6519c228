/**
 * Live-event topics. Who may subscribe to which topic is decided in one place (the live router's
 * authorisation, server/modules/live); publishers only pick the narrowest topic that reaches the people
 * who need the event. Exact knight positions go only to `taskTrackTopic` (the dispatchers of that task).
 */
export const liveTopics = {
  /** One knight's offers, withdrawals ("stand down") and task changes; only that knight subscribes. */
  knight: (knightProfileId: string) => `knight:${knightProfileId}`,
  /** One user's in-app notifications. */
  user: (userId: string) => `user:${userId}`,
  /** A need's progress: the requesting organisation and platform dispatchers. */
  need: (needId: string) => `need:${needId}`,
  /** An incident's board: the requesting organisation and platform dispatchers. */
  incident: (incidentId: string) => `incident:${incidentId}`,
  /** Offers on resources an organisation owns (sent, answered, expired, withdrawn, progress): its members. */
  supplier: (orgId: string) => `supplier:${orgId}`,
  /** Exact position of the knight on an accepted task, until it ends: that task's dispatchers only. */
  taskTrack: (assignmentId: string) => `track:${assignmentId}`,
  /** Platform-wide command-centre feed (admins/dispatchers). Coarse cells only, never exact positions. */
  command: () => "command",
  /**
   * One region's command centre (GB/T 2260 code): "something on the map changed" (ids and source kind only,
   * mostly written by database triggers, see the command_region_live migration) and hazard alerts (counts,
   * never positions). Who may follow it: the region's command-centre viewers (command-access.ts).
   */
  region: (regionCode: string) => `region:${regionCode}`,
} as const;

export type LiveTopicKind = keyof typeof liveTopics;

/** Splits "knight:abc" into its kind and id; null for an unknown shape. */
export function parseLiveTopic(topic: string): { kind: LiveTopicKind; id: string | null } | null {
  if (topic === "command") return { kind: "command", id: null };
  const i = topic.indexOf(":");
  if (i <= 0) return null;
  const prefix = topic.slice(0, i);
  const id = topic.slice(i + 1);
  if (!id) return null;
  const kinds: Record<string, LiveTopicKind> = { knight: "knight", user: "user", need: "need", incident: "incident", track: "taskTrack", supplier: "supplier", region: "region" };
  const kind = kinds[prefix];
  return kind ? { kind, id } : null;
}
