import type { Prisma } from "@/server/generated/prisma/client";

/** The columns behind ZOrgIdentityDto (lib/schemas/org.ts): who an organisation is and how to reach it. */
export const orgIdentitySelect = {
  id: true,
  name: true,
  nameEn: true,
  kind: true,
  region: { select: { code: true, nameZh: true, nameEn: true } },
  unifiedSocialCreditCode: true,
  contactName: true,
  contactPhone: true,
  contactEmail: true,
} satisfies Prisma.OrganizationSelect;
