import { z } from "zod";

/**
 * Dashboard DTOs: what `dashboard.summary` and `dashboard.publicStats` return. Output schemas double as
 * documentation (publicStats is also served over REST). Counts are scoped to the caller server-side.
 */

const ZVerification = z.enum(["PENDING", "VERIFIED", "REJECTED"]);
const ZOrgKind = z.enum(["GOVERNMENT", "ENTERPRISE", "RESCUE_TEAM", "SOCIAL_FORCE", "RESEARCH"]);

export const ZPlaceName = z
  .object({
    code: z.string().meta({ description: "GB/T 2260 code.", example: "320100" }),
    nameZh: z.string().meta({ example: "南京市" }),
    nameEn: z.string().meta({ example: "Nanjing" }),
  })
  .meta({ id: "PlaceName" });
export type TPlaceName = z.infer<typeof ZPlaceName>;

export const ZPublicStats = z
  .object({
    verifiedOrganizations: z.number().int().nonnegative(),
    listedResources: z.number().int().nonnegative().meta({ description: "Listings with status AVAILABLE." }),
    knights: z.number().int().nonnegative().meta({ description: "Active (not suspended) knight profiles." }),
    activeIncidents: z.number().int().nonnegative(),
    province: ZPlaceName.nullable().meta({ description: "The province served (first PROVINCE region)." }),
    areas: z.array(ZPlaceName).meta({ description: "The province's cities, in code order." }),
  })
  .meta({ id: "PublicStats", description: "Headline figures shown on the public landing page." });
export type TPublicStats = z.infer<typeof ZPublicStats>;

export const ZDashboardOrg = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: ZOrgKind,
  verification: ZVerification,
  rejectionReason: z.string().nullable(),
});
export type TDashboardOrg = z.infer<typeof ZDashboardOrg>;

export const ZListingCounts = z.object({
  AVAILABLE: z.number().int(),
  DRAFT: z.number().int(),
  OUT_OF_SERVICE: z.number().int(),
  RETIRED: z.number().int(),
  total: z.number().int(),
});
export type TListingCounts = z.infer<typeof ZListingCounts>;

export const ZRequesterSummary = z.object({
  orgs: z.array(ZDashboardOrg),
  activeIncidents: z.number().int(),
  openNeeds: z.number().int(),
  needsAwaitingApproval: z.number().int(),
  /** Units asked for / committed over the open needs of active incidents. */
  quantityNeeded: z.number().int(),
  quantityFilled: z.number().int(),
  /** 0…1, null when nothing is needed. */
  fillRate: z.number().min(0).max(1).nullable(),
  recentIncidents: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      severity: z.enum(["I", "II", "III", "IV"]),
      startedAt: z.date(),
      region: ZPlaceName,
      openNeeds: z.number().int(),
    }),
  ),
});
export type TRequesterSummary = z.infer<typeof ZRequesterSummary>;

export const ZSupplierSummary = z.object({
  orgs: z.array(ZDashboardOrg),
  listings: ZListingCounts,
  pendingOffers: z.number().int(),
  activeAssignments: z.number().int(),
});
export type TSupplierSummary = z.infer<typeof ZSupplierSummary>;

export const ZExpertSummary = z.object({
  listings: ZListingCounts,
  pendingOffers: z.number().int(),
  activeAssignments: z.number().int(),
});
export type TExpertSummary = z.infer<typeof ZExpertSummary>;

export const ZKnightSummary = z.object({
  /** null until the knight has created a profile. */
  profile: z
    .object({
      onDuty: z.boolean(),
      onDutySince: z.date().nullable(),
      suspended: z.boolean(),
      points: z.number().int(),
      completedCount: z.number().int(),
      homeDistrict: ZPlaceName,
    })
    .nullable(),
  pendingOffers: z.number().int(),
  activeTasks: z.number().int(),
  /** 1-based rank by points among active knights of the same home district (ties share a rank). */
  districtRank: z.object({ rank: z.number().int(), of: z.number().int() }).nullable(),
});
export type TKnightSummary = z.infer<typeof ZKnightSummary>;

export const ZAdminSummary = z.object({
  pendingOrganizations: z.number().int(),
  organizations: z.number().int(),
  verifiedOrganizations: z.number().int(),
  resources: z.number().int(),
  availableResources: z.number().int(),
  knights: z.number().int(),
  knightsOnDuty: z.number().int(),
  activeIncidents: z.number().int(),
});
export type TAdminSummary = z.infer<typeof ZAdminSummary>;

export const DASHBOARD_ROLES = ["ADMIN", "REQUESTER", "SUPPLIER", "EXPERT", "KNIGHT"] as const;
export type TDashboardRole = (typeof DASHBOARD_ROLES)[number];

export const ZDashboardSummary = z.object({
  viewer: z.object({ name: z.string().nullable(), email: z.string().nullable() }),
  /** The panels to show, in display order (a person may hold several roles). */
  roles: z.array(z.enum(DASHBOARD_ROLES)),
  admin: ZAdminSummary.nullable(),
  requester: ZRequesterSummary.nullable(),
  supplier: ZSupplierSummary.nullable(),
  expert: ZExpertSummary.nullable(),
  knight: ZKnightSummary.nullable(),
});
export type TDashboardSummary = z.infer<typeof ZDashboardSummary>;

export const ZViewer = z.object({
  userId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  roles: z.array(z.string()),
});
export type TViewer = z.infer<typeof ZViewer>;
