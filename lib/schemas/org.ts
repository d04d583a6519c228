import { z } from "zod";

/**
 * Organisation verification (platform admin). Error messages are keys in the "admin" message
 * namespace (lib/i18n/messages/admin.ts) so forms can show them translated next to the field.
 */
export const REJECTION_REASON_MIN = 4;
export const REJECTION_REASON_MAX = 500;

export const ZOrgId = z.string().trim().min(1).max(64);

export const ZVerifyOrgInput = z.object({ orgId: ZOrgId });
export type TVerifyOrgInput = z.infer<typeof ZVerifyOrgInput>;

export const ZRejectOrgInput = z.object({
  orgId: ZOrgId,
  reason: z
    .string({ error: "orgs.reasonRequired" })
    .trim()
    .min(REJECTION_REASON_MIN, { error: "orgs.reasonRequired" })
    .max(REJECTION_REASON_MAX, { error: "orgs.reasonTooLong" }),
});
export type TRejectOrgInput = z.infer<typeof ZRejectOrgInput>;

export const ZListPendingOrgsInput = z
  .object({ limit: z.number().int().min(1).max(200).default(100) })
  .default({ limit: 100 });
export type TListPendingOrgsInput = z.infer<typeof ZListPendingOrgsInput>;

export const ZOrgKind = z.enum(["GOVERNMENT", "ENTERPRISE", "RESCUE_TEAM", "SOCIAL_FORCE", "RESEARCH"]);
export const ZVerificationStatus = z.enum(["PENDING", "VERIFIED", "REJECTED"]);

export const ZPendingOrgDto = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: ZOrgKind,
  region: z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }),
  unifiedSocialCreditCode: z.string().nullable(),
  contactName: z.string(),
  contactPhone: z.string(),
  contactEmail: z.string().nullable(),
  createdAt: z.date(),
});
export type TPendingOrgDto = z.infer<typeof ZPendingOrgDto>;

export const ZPendingOrgList = z.object({
  items: z.array(ZPendingOrgDto),
  /** All pending organisations, even when `items` is cut at `limit`. */
  total: z.number().int(),
});
export type TPendingOrgList = z.infer<typeof ZPendingOrgList>;

export const ZOrgVerificationResult = z.object({
  id: z.string(),
  name: z.string(),
  verification: ZVerificationStatus,
  verifiedAt: z.date().nullable(),
  rejectionReason: z.string().nullable(),
});
export type TOrgVerificationResult = z.infer<typeof ZOrgVerificationResult>;
