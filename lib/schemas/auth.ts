import { z } from "zod";

/**
 * Sign-in / sign-up inputs, shared by the forms and the tRPC procedures. Error messages are keys in the
 * "auth" message namespace (lib/i18n/messages/auth.ts, `errors.*`); the forms translate them next to
 * the field they belong to.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/** "+86 138-0000 0000" → "13800000000". */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/[\s\-()]/g, "");
  return digits.replace(/^(\+?86)(?=1\d{10}$)/, "");
}

export function looksLikeEmail(identifier: string): boolean {
  return identifier.includes("@");
}

const req = (key = "errors.required") => ({ error: key });

export const ZEmail = z
  .string(req())
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "errors.emailInvalid" }).max(254, { error: "errors.emailInvalid" }));

export const ZPhone = z
  .string(req())
  .trim()
  .transform(normalizePhone)
  .pipe(z.string().regex(MAINLAND_MOBILE, { error: "errors.phoneInvalid" }));

/** Empty input means "no phone". */
export const ZOptionalPhone = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? normalizePhone(v) : undefined))
  .pipe(z.string().regex(MAINLAND_MOBILE, { error: "errors.phoneInvalid" }).optional());

export const ZPassword = z
  .string(req())
  .min(PASSWORD_MIN_LENGTH, { error: "errors.passwordTooShort" })
  .max(PASSWORD_MAX_LENGTH, { error: "errors.passwordTooLong" });

export const ZPersonName = z.string(req()).trim().min(1, req("errors.nameRequired")).max(80, { error: "errors.tooLong" });

/** GB/T 2260 administrative division code. */
export const ZRegionCode = z.string(req()).trim().regex(/^\d{6}$/, { error: "errors.regionInvalid" });

export const ZSignUpLocale = z.enum(["zh-CN", "en"]).default("zh-CN");

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "errors.tooLong" })
    .optional()
    .transform((v) => (v ? v : undefined));

/** Landlines are normal for offices, so contact numbers are looser than the personal mobile. */
const ZContactPhone = z
  .string(req())
  .trim()
  .regex(/^\+?[0-9][0-9\- ]{4,19}$/, { error: "errors.contactPhoneInvalid" });

/** 统一社会信用代码: 18 characters from the GB 32100 alphabet. */
const ZCreditCode = z
  .string()
  .trim()
  .toUpperCase()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, { error: "errors.creditCodeInvalid" }).optional());

export const ZNewOrganization = z.object({
  name: z.string(req()).trim().min(2, { error: "errors.orgNameInvalid" }).max(100, { error: "errors.tooLong" }),
  nameEn: optionalText(100),
  regionCode: ZRegionCode,
  address: z.string(req()).trim().min(2, { error: "errors.addressRequired" }).max(200, { error: "errors.tooLong" }),
  contactPhone: ZContactPhone,
  unifiedSocialCreditCode: ZCreditCode,
  description: optionalText(500),
});
export type TNewOrganization = z.infer<typeof ZNewOrganization>;

export const SUPPLIER_ORG_KINDS = ["ENTERPRISE", "RESCUE_TEAM", "SOCIAL_FORCE", "RESEARCH"] as const;
export const VEHICLES = ["ON_FOOT", "EBIKE", "MOTORCYCLE", "CAR", "VAN"] as const;

const ZAccountFields = z.object({
  name: ZPersonName,
  email: ZEmail,
  phone: ZOptionalPhone,
  password: ZPassword,
  locale: ZSignUpLocale,
});

export const ZSignUpRequesterInput = z.discriminatedUnion("orgMode", [
  ZAccountFields.extend({
    orgMode: z.literal("join"),
    orgId: z.string(req("errors.orgRequired")).trim().min(1, { error: "errors.orgRequired" }),
  }),
  ZAccountFields.extend({
    orgMode: z.literal("create"),
    org: ZNewOrganization,
  }),
]);
export type TSignUpRequesterInput = z.infer<typeof ZSignUpRequesterInput>;

export const ZSignUpSupplierInput = ZAccountFields.extend({
  org: ZNewOrganization.extend({ kind: z.enum(SUPPLIER_ORG_KINDS, { error: "errors.orgKindInvalid" }) }),
});
export type TSignUpSupplierInput = z.infer<typeof ZSignUpSupplierInput>;

export const ZSignUpExpertInput = ZAccountFields.extend({
  specialty: z.string(req()).trim().min(2, { error: "errors.specialtyRequired" }).max(100, { error: "errors.tooLong" }),
  regionCode: ZRegionCode,
});
export type TSignUpExpertInput = z.infer<typeof ZSignUpExpertInput>;

export const ZSignUpKnightInput = ZAccountFields.extend({
  /** Riders are reached by phone first: required here. */
  phone: ZPhone,
  vehicle: z.enum(VEHICLES, { error: "errors.vehicleInvalid" }),
  payloadKg: z.coerce
    .number({ error: "errors.payloadInvalid" })
    .int({ error: "errors.payloadInvalid" })
    .min(0, { error: "errors.payloadInvalid" })
    .max(2000, { error: "errors.payloadInvalid" }),
  deliveryPlatform: optionalText(50),
  homeDistrictCode: ZRegionCode,
});
export type TSignUpKnightInput = z.infer<typeof ZSignUpKnightInput>;

/** Sign-in does not re-apply the password policy: it only has to match what is stored. */
export const ZSignInWithPasswordInput = z.object({
  identifier: z.string(req()).trim().min(1, { error: "errors.identifierRequired" }).max(254, { error: "errors.tooLong" }),
  password: z.string(req()).min(1, { error: "errors.passwordRequired" }).max(PASSWORD_MAX_LENGTH, { error: "errors.passwordTooLong" }),
});
export type TSignInWithPasswordInput = z.infer<typeof ZSignInWithPasswordInput>;

/** Same-site path only ("/…" but not "//…" or "/\\…"): never an absolute URL an attacker could choose. */
export const ZLocalPath = z
  .string()
  .max(500)
  .regex(/^\/(?![\/\\])/, { error: "errors.generic" });

export const ZRequestEmailLinkInput = z.object({
  email: ZEmail,
  locale: ZSignUpLocale,
  callbackUrl: ZLocalPath.optional(),
});
export type TRequestEmailLinkInput = z.infer<typeof ZRequestEmailLinkInput>;

export const ZCreateAdminInput = z.object({
  email: ZEmail,
  password: ZPassword,
  /** Omitted: "Admin" for a new account, unchanged for an existing one. */
  name: ZPersonName.optional(),
  phone: ZOptionalPhone,
});
export type TCreateAdminInput = z.infer<typeof ZCreateAdminInput>;
