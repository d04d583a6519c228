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

/** Who an organisation is and how to reach it: shared by the verification queue and the profile page. */
export const ZOrgIdentityDto = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: ZOrgKind,
  region: z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }),
  unifiedSocialCreditCode: z.string().nullable(),
  contactName: z.string(),
  contactPhone: z.string(),
  contactEmail: z.string().nullable(),
});

export const ZPendingOrgDto = ZOrgIdentityDto.extend({ createdAt: z.date() });
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

// ─── Organisation profile, members and invitations (members of the org; messages are keys in the "org" namespace) ───

export const ZOrgRole = z.enum(["OWNER", "DISPATCHER", "MEMBER"], { error: "errors.roleInvalid" });
export type TOrgRole = z.infer<typeof ZOrgRole>;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "errors.tooLong" })
    .optional()
    .transform((v) => (v ? v : null));

/** Office landlines are normal for organisations: looser than a personal mobile number. */
export const ZContactPhone = z
  .string({ error: "errors.phoneInvalid" })
  .trim()
  .regex(/^\+?[0-9][0-9\- ]{4,19}$/, { error: "errors.phoneInvalid" });

export const ZInviteEmail = z
  .string({ error: "errors.emailInvalid" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "errors.emailInvalid" }).max(254, { error: "errors.emailInvalid" }));

export const ZOrgRef = z.object({ orgId: ZOrgId });
export type TOrgRef = z.infer<typeof ZOrgRef>;

export const ZUpdateOrgProfileInput = z.object({
  orgId: ZOrgId,
  name: z.string({ error: "errors.nameRequired" }).trim().min(2, { error: "errors.nameRequired" }).max(100, { error: "errors.tooLong" }),
  nameEn: optionalText(100),
  regionCode: z.string({ error: "errors.regionInvalid" }).trim().regex(/^\d{6}$/, { error: "errors.regionInvalid" }),
  contactName: z.string({ error: "errors.contactNameRequired" }).trim().min(1, { error: "errors.contactNameRequired" }).max(80, { error: "errors.tooLong" }),
  contactPhone: ZContactPhone,
  contactEmail: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.email({ error: "errors.emailInvalid" }).max(254, { error: "errors.emailInvalid" }).nullable()),
  address: z.string({ error: "errors.addressRequired" }).trim().min(2, { error: "errors.addressRequired" }).max(200, { error: "errors.tooLong" }),
  description: optionalText(2000),
  /** Government organisations only. */
  requiresNeedApproval: z.preprocess((v) => (v === "on" || v === "true" ? true : v === "false" ? false : v), z.boolean()).optional(),
});
export type TUpdateOrgProfileInput = z.infer<typeof ZUpdateOrgProfileInput>;

export const ZOrgProfileDto = ZOrgIdentityDto.extend({
  address: z.string(),
  description: z.string().nullable(),
  verification: ZVerificationStatus,
  rejectionReason: z.string().nullable(),
  requiresNeedApproval: z.boolean(),
  /** The caller's role in this organisation (what the page lets them do). */
  myRole: ZOrgRole,
});
export type TOrgProfileDto = z.infer<typeof ZOrgProfileDto>;

export const ZOrgMemberDto = z.object({
  membershipId: z.string(),
  userId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  role: ZOrgRole,
  joinedAt: z.date(),
  isSelf: z.boolean(),
});
export type TOrgMemberDto = z.infer<typeof ZOrgMemberDto>;
export const ZOrgMemberList = z.object({ items: z.array(ZOrgMemberDto), myRole: ZOrgRole });
export type TOrgMemberList = z.infer<typeof ZOrgMemberList>;

export const ZSetMemberRoleInput = z.object({ orgId: ZOrgId, membershipId: ZOrgId, role: ZOrgRole });
export type TSetMemberRoleInput = z.infer<typeof ZSetMemberRoleInput>;

export const ZRemoveMemberInput = z.object({ orgId: ZOrgId, membershipId: ZOrgId });
export type TRemoveMemberInput = z.infer<typeof ZRemoveMemberInput>;

export const ZInviteInput = z.object({ orgId: ZOrgId, email: ZInviteEmail, role: ZOrgRole.default("MEMBER") });
export type TInviteInput = z.infer<typeof ZInviteInput>;

export const ZInvitationState = z.enum(["PENDING", "ACCEPTED", "REVOKED", "EXPIRED"]);
export type TInvitationState = z.infer<typeof ZInvitationState>;

export const ZInvitationDto = z.object({
  id: z.string(),
  email: z.string(),
  role: ZOrgRole,
  state: ZInvitationState,
  expiresAt: z.date(),
  createdAt: z.date(),
  invitedByName: z.string().nullable(),
});
export type TInvitationDto = z.infer<typeof ZInvitationDto>;
export const ZInvitationList = z.object({ items: z.array(ZInvitationDto) });
export type TInvitationList = z.infer<typeof ZInvitationList>;

/** The link is returned once, so an inviter without e-mail delivery can pass it on; only its hash is stored. */
export const ZInviteResult = z.object({ invitation: ZInvitationDto, acceptPath: z.string() });
export type TInviteResult = z.infer<typeof ZInviteResult>;

export const ZRevokeInvitationInput = z.object({ orgId: ZOrgId, invitationId: ZOrgId });
export type TRevokeInvitationInput = z.infer<typeof ZRevokeInvitationInput>;

export const ZInvitationToken = z.string().trim().min(20).max(128).regex(/^[A-Za-z0-9_-]+$/);
export const ZAcceptInvitationInput = z.object({ token: ZInvitationToken });
export type TAcceptInvitationInput = z.infer<typeof ZAcceptInvitationInput>;

export const ZInvitationPreview = z.object({
  orgName: z.string(),
  orgNameEn: z.string().nullable(),
  role: ZOrgRole,
  state: ZInvitationState,
  expiresAt: z.date(),
  /** Whether the signed-in person's e-mail is the invited one. */
  emailMatches: z.boolean(),
  alreadyMember: z.boolean(),
});
export type TInvitationPreview = z.infer<typeof ZInvitationPreview>;

export const ZAcceptInvitationResult = z.object({ orgId: z.string(), role: ZOrgRole });
export type TAcceptInvitationResult = z.infer<typeof ZAcceptInvitationResult>;
