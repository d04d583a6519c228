import type { Db } from "@/server/db";

export type JoinableGovernmentOrg = { id: string; name: string; nameEn: string | null; regionCode: string; pending: boolean };

/** Government organisations a new requester may join: verified ones and ones still under review. */
export async function listJoinableGovernmentOrgs(db: Db): Promise<JoinableGovernmentOrg[]> {
  const rows = await db.organization.findMany({
    where: { kind: "GOVERNMENT", verification: { in: ["VERIFIED", "PENDING"] } },
    orderBy: [{ regionCode: "asc" }, { name: "asc" }],
    select: { id: true, name: true, nameEn: true, regionCode: true, verification: true },
    take: 1000,
  });
  return rows.map(({ verification, ...o }) => ({ ...o, pending: verification === "PENDING" }));
}

/** The public list (auth.governmentOrgs): id, name and region only. */
export async function listGovernmentOrgs(db: Db): Promise<Array<{ id: string; name: string; regionCode: string }>> {
  return (await listJoinableGovernmentOrgs(db)).map(({ id, name, regionCode }) => ({ id, name, regionCode }));
}

export type SignUpRegion = { code: string; nameZh: string; nameEn: string; level: "PROVINCE" | "CITY" | "DISTRICT"; parentCode: string | null };

/** Regions for the sign-up pickers, in code order (a province is followed by its cities and districts). */
export async function listSignUpRegions(db: Db): Promise<SignUpRegion[]> {
  return db.region.findMany({
    orderBy: { code: "asc" },
    select: { code: true, nameZh: true, nameEn: true, level: true, parentCode: true },
  });
}
