import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import {
  ZBrowsePage,
  ZBrowseSearchInput,
  ZClustersInput,
  ZClustersResult,
  ZListingDetail,
  ZListingId,
  ZOrgPublic,
} from "@/lib/schemas/listing-browse";
import { searchListings } from "@/server/modules/listings/browse-search";
import { clusterListings } from "@/server/modules/listings/browse-clusters";
import { getListingDetail } from "@/server/modules/listings/browse-get";
import { getOrgPublic } from "@/server/modules/listings/browse-org";
import { listBrowseRegions } from "@/server/modules/listings/browse-regions";

/** Browsing offered listings (list, map, detail, organisation page); search and get are also REST v1. */
export const listingBrowseRouter = createTRPCRouter({
  search: permissionProcedure("listing.read")
    .meta({
      openapi: {
        method: "GET",
        path: "/listings",
        tags: ["listings"],
        protect: true,
        summary: "Search offered listings",
        description:
          "Listings of verified organisations and individual experts (AVAILABLE or OUT_OF_SERVICE). Filter by category, type, region (a city includes its districts), availability now, pricing mode, text and bbox; `near` sorts nearest first. Paged with `cursor`.",
      },
    })
    .input(ZBrowseSearchInput)
    .output(ZBrowsePage)
    .query(({ ctx, input }) => searchListings(ctx.db, ctx.actor, input)),

  get: permissionProcedure("listing.read")
    .meta({
      openapi: {
        method: "GET",
        path: "/listings/{id}",
        tags: ["listings"],
        protect: true,
        summary: "Get one offered listing",
        description: "Contact data is present only for platform admins and verified government organisations.",
      },
    })
    .input(ZListingId)
    .output(ZListingDetail)
    .query(({ ctx, input }) => getListingDetail(ctx.db, ctx.actor, input.id)),

  clusters: permissionProcedure("listing.read")
    .input(ZClustersInput)
    .output(ZClustersResult)
    .query(({ ctx, input }) => clusterListings(ctx.db, ctx.actor, input)),

  organization: permissionProcedure("listing.read")
    .input(z.object({ id: z.string().trim().min(1).max(64) }))
    .output(ZOrgPublic)
    .query(({ ctx, input }) => getOrgPublic(ctx.db, ctx.actor, input.id)),

  /** Cities and their districts, for the region filter. */
  regions: permissionProcedure("listing.read").query(({ ctx }) => listBrowseRegions(ctx.db)),
});
