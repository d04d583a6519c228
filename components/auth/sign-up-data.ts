import "server-only";
import { getDb } from "@/server/db";
import { listJoinableGovernmentOrgs, listSignUpRegions } from "@/server/modules/accounts/sign-up-options";

/** Options the sign-up forms need, read on the server when the page renders. */
export const loadSignUpRegions = () => listSignUpRegions(getDb());
export const loadGovernmentOrgOptions = () => listJoinableGovernmentOrgs(getDb());
