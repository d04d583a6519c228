import { describe, expect, it } from "vitest";
import {
  generateInvitationToken,
  hashInvitationToken,
  invitationExpiry,
  invitationPath,
  invitationState,
} from "@/server/modules/orgs/invitation-token";
import { ZInvitationToken } from "@/lib/schemas/org";

const now = new Date("2026-03-01T08:00:00Z");

describe("invitation tokens", () => {
  it("are random, URL-safe and accepted by the input schema", () => {
    const a = generateInvitationToken();
    const b = generateInvitationToken();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ZInvitationToken.parse(a)).toBe(a);
    expect(invitationPath(a)).toBe(`/invitations/${a}`);
  });

  it("are stored as a SHA-256 hex digest, never as themselves", () => {
    const t = generateInvitationToken();
    const h = hashInvitationToken(t);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain(t);
    expect(hashInvitationToken(t)).toBe(h);
  });
});

describe("invitation expiry and state", () => {
  const open = { acceptedAt: null, revokedAt: null, expiresAt: invitationExpiry(now) };

  it("expires 7 days after it is sent", () => {
    expect(invitationExpiry(now).toISOString()).toBe("2026-03-08T08:00:00.000Z");
  });

  it("is pending until the expiry instant, then expired", () => {
    expect(invitationState(open, now)).toBe("PENDING");
    expect(invitationState(open, new Date(open.expiresAt.getTime() - 1))).toBe("PENDING");
    expect(invitationState(open, open.expiresAt)).toBe("EXPIRED");
  });

  it("accepted and revoked are final, whatever the clock says", () => {
    const later = new Date(open.expiresAt.getTime() + 1000);
    expect(invitationState({ ...open, acceptedAt: now }, later)).toBe("ACCEPTED");
    expect(invitationState({ ...open, revokedAt: now }, later)).toBe("REVOKED");
  });
});
