import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import type { Actor } from "@/server/auth/actor-type";
import { createCallerFactory, type Context } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import { hashInvitationToken } from "@/server/modules/orgs/invitation-token";
import { insertTestRegions } from "@/tests/helpers/regions";

let t: TestDatabase;
let orgA: string;
let orgB: string;
const people: Record<string, { id: string; actor: Actor; membershipId?: string }> = {};

function caller(actor: Actor | null) {
  const ctx: Context = { db: t.db, actor, headers: new Headers(), ip: null };
  return createCallerFactory(appRouter)(ctx);
}

/** The tRPC code and field errors of a rejected call. */
async function failure(p: Promise<unknown>): Promise<{ code: string; fieldErrors: Record<string, string[]> | undefined }> {
  const e = (await p.then(() => null, (err: unknown) => err)) as { code?: string; cause?: { fieldErrors?: Record<string, string[]> } } | null;
  expect(e, "expected the call to fail").not.toBeNull();
  return { code: e!.code ?? "?", fieldErrors: e!.cause?.fieldErrors };
}

async function person(key: string, orgId: string | null, role: "OWNER" | "DISPATCHER" | "MEMBER" = "MEMBER") {
  const u = await t.db.user.create({ data: { email: `${key}@example.cn`, name: key, kind: "SUPPLIER" }, select: { id: true } });
  let membershipId: string | undefined;
  if (orgId) membershipId = (await t.db.membership.create({ data: { userId: u.id, orgId, role }, select: { id: true } })).id;
  people[key] = { id: u.id, membershipId, actor: { via: "session", userId: u.id, roles: ["SUPPLIER"], memberships: [] } };
  return people[key];
}

const profile = (orgId: string, over: Record<string, unknown> = {}) => ({
  orgId,
  name: "华力机械租赁",
  regionCode: "320102",
  contactName: "陈志强",
  contactPhone: "025-8888 1234",
  address: "南京市玄武区中山路 1 号",
  description: "排涝泵与发电机租赁",
  ...over,
});

beforeAll(async () => {
  t = await testDb();
  await insertTestRegions(t.db);
  const mk = (name: string, kind: "ENTERPRISE" | "GOVERNMENT") =>
    t.db.organization.create({
      data: { name, kind, regionCode: "320100", contactName: "联系人", contactPhone: "13900000000", address: "南京" },
      select: { id: true },
    });
  orgA = (await mk("甲公司", "ENTERPRISE")).id;
  orgB = (await mk("乙应急局", "GOVERNMENT")).id;
  await person("owner", orgA, "OWNER");
  await person("dispatcher", orgA, "DISPATCHER");
  await person("member", orgA, "MEMBER");
  await person("outsider", orgB, "OWNER");
  await person("invitee", null);
});
afterAll(async () => t?.cleanup());

describe("organisation profile", () => {
  it("every member reads it; an outsider gets NOT_FOUND and learns nothing", async () => {
    expect((await caller(people.member.actor).org.profile({ orgId: orgA })).myRole).toBe("MEMBER");
    expect((await failure(caller(people.outsider.actor).org.profile({ orgId: orgA }))).code).toBe("NOT_FOUND");
    expect((await failure(caller(people.outsider.actor).org.profile({ orgId: "no-such-org" }))).code).toBe("NOT_FOUND");
    expect((await failure(caller(null).org.profile({ orgId: orgA }))).code).toBe("UNAUTHORIZED");
  });

  it("owners and dispatchers update it (audited); members and outsiders cannot", async () => {
    const p = await caller(people.dispatcher.actor).org.updateProfile(profile(orgA, { contactEmail: "Ops@Example.cn" }));
    expect(p).toMatchObject({ description: "排涝泵与发电机租赁", contactEmail: "ops@example.cn", region: { code: "320102" } });
    const audit = await t.db.auditEvent.findFirst({ where: { action: "org.updateProfile", entityId: orgA }, select: { actorId: true, data: true } });
    expect(audit?.actorId).toBe(people.dispatcher.id);
    expect((audit?.data as { changed: string[] }).changed).toEqual(expect.arrayContaining(["description", "regionCode"]));
    expect((await failure(caller(people.member.actor).org.updateProfile(profile(orgA)))).code).toBe("FORBIDDEN");
    expect((await failure(caller(people.outsider.actor).org.updateProfile(profile(orgA)))).code).toBe("NOT_FOUND");
  });

  it("answers bad input with field errors", async () => {
    const bad = await failure(caller(people.owner.actor).org.updateProfile(profile(orgA, { contactEmail: "not-an-email", contactPhone: "abc" })));
    expect(bad.code).toBe("BAD_REQUEST");
    const unknownRegion = await failure(caller(people.owner.actor).org.updateProfile(profile(orgA, { regionCode: "999999" })));
    expect(unknownRegion.fieldErrors).toEqual({ regionCode: ["errors.regionUnknown"] });
    const approval = await failure(caller(people.owner.actor).org.updateProfile(profile(orgA, { requiresNeedApproval: true })));
    expect(approval.fieldErrors).toEqual({ requiresNeedApproval: ["errors.approvalGovernmentOnly"] });
    const gov = await caller(people.outsider.actor).org.updateProfile(profile(orgB, { requiresNeedApproval: true }));
    expect(gov.requiresNeedApproval).toBe(true);
  });
});

describe("members", () => {
  it("lists members owners first, only for members", async () => {
    const list = await caller(people.member.actor).org.members({ orgId: orgA });
    expect(list.items.map((m) => m.role)).toEqual(["OWNER", "DISPATCHER", "MEMBER"]);
    expect(list.items.find((m) => m.isSelf)?.userId).toBe(people.member.id);
    expect((await failure(caller(people.outsider.actor).org.members({ orgId: orgA }))).code).toBe("NOT_FOUND");
  });

  it("only owners change roles, and the last owner cannot step down", async () => {
    const dispatcherTry = caller(people.dispatcher.actor).org.setMemberRole({ orgId: orgA, membershipId: people.member.membershipId!, role: "DISPATCHER" });
    expect((await failure(dispatcherTry)).code).toBe("FORBIDDEN");
    const outsiderTry = caller(people.outsider.actor).org.setMemberRole({ orgId: orgA, membershipId: people.member.membershipId!, role: "OWNER" });
    expect((await failure(outsiderTry)).code).toBe("NOT_FOUND");
    // Another org's membership id, asked about through this org: not found here.
    const crossOrg = caller(people.owner.actor).org.setMemberRole({ orgId: orgA, membershipId: people.outsider.membershipId!, role: "MEMBER" });
    expect((await failure(crossOrg)).code).toBe("NOT_FOUND");

    const lastOwner = await failure(caller(people.owner.actor).org.setMemberRole({ orgId: orgA, membershipId: people.owner.membershipId!, role: "MEMBER" }));
    expect(lastOwner).toEqual({ code: "CONFLICT", fieldErrors: { role: ["errors.lastOwner"] } });
    expect((await failure(caller(people.owner.actor).org.removeMember({ orgId: orgA, membershipId: people.owner.membershipId! }))).code).toBe("CONFLICT");

    const promoted = await caller(people.owner.actor).org.setMemberRole({ orgId: orgA, membershipId: people.member.membershipId!, role: "OWNER" });
    expect(promoted.role).toBe("OWNER");
    // Two owners now: the first may step down; then the promoted one is the last owner again.
    await caller(people.owner.actor).org.setMemberRole({ orgId: orgA, membershipId: people.owner.membershipId!, role: "DISPATCHER" });
    expect((await failure(caller(people.member.actor).org.setMemberRole({ orgId: orgA, membershipId: people.member.membershipId!, role: "MEMBER" }))).code).toBe("CONFLICT");
    await caller(people.member.actor).org.setMemberRole({ orgId: orgA, membershipId: people.owner.membershipId!, role: "OWNER" });
    await caller(people.owner.actor).org.setMemberRole({ orgId: orgA, membershipId: people.member.membershipId!, role: "MEMBER" });
    expect(await t.db.auditEvent.count({ where: { action: "org.setMemberRole", orgId: orgA } })).toBe(4);
  });
});

describe("invitations", () => {
  it("invite → accept creates the membership once; accepting twice is a clear error", async () => {
    const res = await caller(people.dispatcher.actor).org.invite({ orgId: orgA, email: " Invitee@Example.cn ", role: "MEMBER" });
    expect(res.invitation).toMatchObject({ email: "invitee@example.cn", role: "MEMBER", state: "PENDING" });
    const token = res.acceptPath.split("/").pop()!;
    const stored = await t.db.invitation.findUniqueOrThrow({ where: { id: res.invitation.id }, select: { tokenHash: true, expiresAt: true } });
    expect(stored.tokenHash).toBe(hashInvitationToken(token));
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    expect((await caller(people.member.actor).org.invitations({ orgId: orgA })).items[0].id).toBe(res.invitation.id);
    expect((await failure(caller(people.outsider.actor).org.invitations({ orgId: orgA }))).code).toBe("NOT_FOUND");

    // Someone else holding the link cannot use it.
    expect((await failure(caller(people.outsider.actor).org.acceptInvitation({ token }))).code).toBe("FORBIDDEN");
    const preview = await caller(people.invitee.actor).org.invitationPreview({ token });
    expect(preview).toMatchObject({ orgName: "华力机械租赁", state: "PENDING", emailMatches: true, alreadyMember: false });

    expect(await caller(people.invitee.actor).org.acceptInvitation({ token })).toEqual({ orgId: orgA, role: "MEMBER" });
    const again = await failure(caller(people.invitee.actor).org.acceptInvitation({ token }));
    expect(again.code).toBe("CONFLICT");
    expect(await t.db.membership.count({ where: { orgId: orgA, userId: people.invitee.id } })).toBe(1);
    expect(await t.db.auditEvent.count({ where: { action: { in: ["org.invite", "org.acceptInvitation"] }, orgId: orgA } })).toBe(2);
  });

  it("refuses members, owner invitations from dispatchers, and bad e-mails with field errors", async () => {
    const dup = await failure(caller(people.owner.actor).org.invite({ orgId: orgA, email: "member@example.cn", role: "MEMBER" }));
    expect(dup.fieldErrors).toEqual({ email: ["errors.alreadyMember"] });
    const owner = await failure(caller(people.dispatcher.actor).org.invite({ orgId: orgA, email: "x@example.cn", role: "OWNER" }));
    expect(owner).toEqual({ code: "FORBIDDEN", fieldErrors: { role: ["errors.ownerInviteOwnerOnly"] } });
    const email = await failure(caller(people.owner.actor).org.invite({ orgId: orgA, email: "nope", role: "MEMBER" }));
    expect(email.code).toBe("BAD_REQUEST");
    expect((await failure(caller(people.member.actor).org.invite({ orgId: orgA, email: "y@example.cn", role: "MEMBER" }))).code).toBe("FORBIDDEN");
    expect((await failure(caller(people.outsider.actor).org.invite({ orgId: orgA, email: "y@example.cn", role: "MEMBER" }))).code).toBe("NOT_FOUND");
  });

  it("a revoked or expired invitation is refused", async () => {
    const u = await person("late", null);
    const revoked = await caller(people.owner.actor).org.invite({ orgId: orgA, email: "late@example.cn", role: "DISPATCHER" });
    const revokedToken = revoked.acceptPath.split("/").pop()!;
    const r = await caller(people.owner.actor).org.revokeInvitation({ orgId: orgA, invitationId: revoked.invitation.id });
    expect(r.state).toBe("REVOKED");
    expect((await failure(caller(people.owner.actor).org.revokeInvitation({ orgId: orgA, invitationId: revoked.invitation.id }))).code).toBe("CONFLICT");
    expect((await failure(caller(u.actor).org.acceptInvitation({ token: revokedToken }))).code).toBe("PRECONDITION_FAILED");

    const expired = await caller(people.owner.actor).org.invite({ orgId: orgA, email: "late@example.cn", role: "MEMBER" });
    await t.db.invitation.update({ where: { id: expired.invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expiredToken = expired.acceptPath.split("/").pop()!;
    expect((await caller(u.actor).org.invitationPreview({ token: expiredToken })).state).toBe("EXPIRED");
    expect((await failure(caller(u.actor).org.acceptInvitation({ token: expiredToken }))).code).toBe("PRECONDITION_FAILED");
    expect((await failure(caller(u.actor).org.acceptInvitation({ token: "x".repeat(43) }))).code).toBe("NOT_FOUND");
    expect(await t.db.membership.count({ where: { userId: u.id } })).toBe(0);
  });

  it("owners remove members and anyone may leave; others may not remove", async () => {
    expect((await failure(caller(people.dispatcher.actor).org.removeMember({ orgId: orgA, membershipId: people.member.membershipId! }))).code).toBe("FORBIDDEN");
    await caller(people.owner.actor).org.removeMember({ orgId: orgA, membershipId: people.member.membershipId! });
    await caller(people.dispatcher.actor).org.removeMember({ orgId: orgA, membershipId: people.dispatcher.membershipId! });
    expect(await t.db.membership.count({ where: { orgId: orgA } })).toBe(2);
    expect(await t.db.auditEvent.count({ where: { action: { in: ["org.removeMember", "org.leave"] }, orgId: orgA } })).toBe(2);
  });
});
