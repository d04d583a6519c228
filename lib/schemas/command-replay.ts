import { z } from "zod";
import { ZNeedPriority } from "@/lib/schemas/needs";

/** Incident replay schemas (server/modules/command/replay), shared by the replay component and tRPC. */

export const ZReplayIncidentInput = z.object({ incidentId: z.string().trim().min(1) });
export type TReplayIncidentInput = z.infer<typeof ZReplayIncidentInput>;

/** What an audit row does to the replayed state. */
export const REPLAY_EVENT_KINDS = ["INCIDENT_STATUS", "NEED_POSTED", "NEED_STATUS", "UNIT_STAGE", "NOTE"] as const;
export const ZReplayEventKind = z.enum(REPLAY_EVENT_KINDS);

/** Unit stages a replay knows (Assignment statuses; knight task stages are mapped onto them). */
export const UNIT_STAGES = ["PROPOSED", "OFFERED", "ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE", "COMPLETED", "RELEASED", "DECLINED", "EXPIRED", "CANCELLED"] as const;
export const ZUnitStage = z.enum(UNIT_STAGES);
export type TUnitStage = z.infer<typeof ZUnitStage>;

export const ZReplayEvent = z.object({
  /** Position in the audit hash chain (a decimal string: the chain's seq is a bigint). */
  seq: z.string(),
  at: z.date(),
  action: z.string(),
  kind: ZReplayEventKind,
  needId: z.string().nullable(),
  /** The unit (assignment) an event moves, for UNIT_STAGE. */
  assignmentId: z.string().nullable(),
  /** New status: the incident's, the need's, or the unit's stage. */
  status: z.string().nullable(),
  /** Units: the need's quantity when posted, a unit's quantity when accepted. */
  quantity: z.number().int().nullable(),
});
export type TReplayEvent = z.infer<typeof ZReplayEvent>;

export const ZReplayNeed = z.object({
  id: z.string(),
  title: z.string(),
  priority: ZNeedPriority,
  unit: z.string(),
  stagingLat: z.number(),
  stagingLng: z.number(),
});

export const ZReplayUnit = z.object({
  assignmentId: z.string(),
  needId: z.string(),
  /** The listing's title; a knight is never named here. */
  label: z.string().nullable(),
  labelEn: z.string().nullable(),
  knight: z.boolean(),
  quantity: z.number().int(),
});

export const ZIncidentReplay = z.object({
  incident: z.object({ id: z.string(), title: z.string(), regionCode: z.string(), lat: z.number(), lng: z.number() }),
  needs: z.array(ZReplayNeed),
  units: z.array(ZReplayUnit),
  /** Oldest first (chain order). */
  events: z.array(ZReplayEvent),
});
export type TIncidentReplay = z.infer<typeof ZIncidentReplay>;

export const ZReplayVerifyResult = z.object({
  intact: z.boolean(),
  /** The incident's audit events whose hashes were recomputed. */
  incidentEvents: z.number().int(),
  /** Rows of the whole chain walked (each hash depends on the one before). */
  chainChecked: z.number().int(),
  /** Where the chain first breaks, when it does. */
  brokenAtSeq: z.string().nullable(),
  /** Whether that row is one of this incident's events. */
  brokenInIncident: z.boolean(),
  reason: z.string().nullable(),
});
export type TReplayVerifyResult = z.infer<typeof ZReplayVerifyResult>;
