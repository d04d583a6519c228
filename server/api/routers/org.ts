import { createTRPCRouter, permissionProcedure, protectedProcedure } from "@/server/api/trpc";
import {
  ZAcceptInvitationInput,
  ZAcceptInvitationResult,
  ZInvitationDto,
  ZInvitationList,
  ZInvitationPreview,
  ZInviteInput,
  ZInviteResult,
  ZOrgMemberDto,
  ZOrgMemberList,
  ZOrgProfileDto,
  ZOrgRef,
  ZRemoveMemberInput,
  ZRevokeInvitationInput,
  ZSetMemberRoleInput,
  ZUpdateOrgProfileInput,
  ZListPendingOrgsInput,
  ZOrgVerificationResult,
  ZPendingOrgList,
  ZRejectOrgInput,
  ZVerifyOrgInput,
} from "@/lib/schemas/org";
import { listPendingOrganizations, rejectOrganization, verifyOrganization } from "@/server/modules/orgs/verify-org";
import { getOrgProfile, updateOrgProfile } from "@/server/modules/orgs/org-profile";
import { listOrgMembers, removeOrgMember, setOrgMemberRole } from "@/server/modules/orgs/org-members";
import { inviteToOrg, listOrgInvitations, revokeOrgInvitation } from "@/server/modules/orgs/invitations";
import { acceptInvitation, previewInvitation } from "@/server/modules/orgs/accept-invitation";

/**
 * Organisation verification by platform admins; an organisation's own profile, members and invitations
 * for its members (the module functions check membership and org role: outsiders get NOT_FOUND).
 */
export const orgRouter = createTRPCRouter({
  listPending: permissionProcedure("org.verify")
    .input(ZListPendingOrgsInput)
    .output(ZPendingOrgList)
    .query(({ ctx, input }) => listPendingOrganizations(ctx.db, input)),

  verify: permissionProcedure("org.verify")
    .input(ZVerifyOrgInput)
    .output(ZOrgVerificationResult)
    .mutation(({ ctx, input }) => verifyOrganization(ctx.db, ctx.actor, input)),

  reject: permissionProcedure("org.verify")
    .input(ZRejectOrgInput)
    .output(ZOrgVerificationResult)
    .mutation(({ ctx, input }) => rejectOrganization(ctx.db, ctx.actor, input)),

  profile: permissionProcedure("org.read")
    .input(ZOrgRef)
    .output(ZOrgProfileDto)
    .query(({ ctx, input }) => getOrgProfile(ctx.db, ctx.actor, input)),

  updateProfile: permissionProcedure("org.manage")
    .input(ZUpdateOrgProfileInput)
    .output(ZOrgProfileDto)
    .mutation(({ ctx, input }) => updateOrgProfile(ctx.db, ctx.actor, input)),

  members: permissionProcedure("org.read")
    .input(ZOrgRef)
    .output(ZOrgMemberList)
    .query(({ ctx, input }) => listOrgMembers(ctx.db, ctx.actor, input)),

  setMemberRole: permissionProcedure("org.manage")
    .input(ZSetMemberRoleInput)
    .output(ZOrgMemberDto)
    .mutation(({ ctx, input }) => setOrgMemberRole(ctx.db, ctx.actor, input)),

  removeMember: permissionProcedure("org.manage")
    .input(ZRemoveMemberInput)
    .mutation(({ ctx, input }) => removeOrgMember(ctx.db, ctx.actor, input)),

  invite: permissionProcedure("org.manage")
    .input(ZInviteInput)
    .output(ZInviteResult)
    .mutation(({ ctx, input }) => inviteToOrg(ctx.db, ctx.actor, input)),

  invitations: permissionProcedure("org.read")
    .input(ZOrgRef)
    .output(ZInvitationList)
    .query(({ ctx, input }) => listOrgInvitations(ctx.db, ctx.actor, input)),

  revokeInvitation: permissionProcedure("org.manage")
    .input(ZRevokeInvitationInput)
    .output(ZInvitationDto)
    .mutation(({ ctx, input }) => revokeOrgInvitation(ctx.db, ctx.actor, input)),

  /** Any signed-in person holding the link: which organisation invites them, and can they accept. */
  invitationPreview: protectedProcedure
    .input(ZAcceptInvitationInput)
    .output(ZInvitationPreview)
    .query(({ ctx, input }) => previewInvitation(ctx.db, ctx.actor, input)),

  acceptInvitation: protectedProcedure
    .input(ZAcceptInvitationInput)
    .output(ZAcceptInvitationResult)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.db, ctx.actor, input)),
});
