import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import {
  ZImportInput,
  ZImportPreview,
  ZImportResult,
  ZListingDto,
  ZListingIdInput,
  ZListingInput,
  ZMyListingsInput,
  ZSetListingStatusInput,
  ZUpdateListingInput,
} from "@/lib/schemas/listings";
import { createListing, setListingStatus, updateListing } from "@/server/modules/listings/write-listing";
import { getListingForEdit, listMyListings, listOwnerOrgs } from "@/server/modules/listings/my-listings";
import { commitImport, previewImport } from "@/server/modules/listings/import-listings";
import { exportListingsCsv } from "@/server/modules/listings/export-listings";

/** The owner's side of listings: create/edit/status, "my listings", CSV import/export; create/update over REST. */
export const listingRouter = createTRPCRouter({
  create: permissionProcedure("listing.write")
    .meta({
      openapi: {
        method: "POST",
        path: "/listings",
        tags: ["listings"],
        protect: true,
        summary: "Create a listing",
        description:
          "Creates a listing owned by the API key's organisation. Capabilities are checked against the type's metrics; " +
          "an unverified organisation may only create DRAFT listings.",
        errorResponses: { 412: "The organisation is not verified yet: save the listing as DRAFT." },
      },
    })
    .input(ZListingInput)
    .output(ZListingDto)
    .mutation(({ ctx, input }) => createListing(ctx.db, ctx.actor, input)),

  update: permissionProcedure("listing.write")
    .meta({
      openapi: {
        method: "PATCH",
        path: "/listings/{id}",
        tags: ["listings"],
        protect: true,
        summary: "Update a listing",
        description:
          "Changes any subset of fields; `version` must be the one you last read (409 CONFLICT otherwise). " +
          "availabilityWindows / credentials, when given, replace the stored ones.",
        errorResponses: { 409: "`version` is not the current one: someone else changed the listing; read it again.", 412: "The organisation is not verified yet: save the listing as DRAFT." },
      },
    })
    .input(ZUpdateListingInput)
    .output(ZListingDto)
    .mutation(({ ctx, input }) => updateListing(ctx.db, ctx.actor, input)),

  setStatus: permissionProcedure("listing.write")
    .input(ZSetListingStatusInput)
    .mutation(({ ctx, input }) => setListingStatus(ctx.db, ctx.actor, input)),

  mine: permissionProcedure("listing.own")
    .input(ZMyListingsInput)
    .query(({ ctx, input }) => listMyListings(ctx.db, ctx.actor, input)),

  owners: permissionProcedure("listing.write").query(({ ctx }) => listOwnerOrgs(ctx.db, ctx.actor)),

  getForEdit: permissionProcedure("listing.own")
    .input(ZListingIdInput)
    .query(({ ctx, input }) => getListingForEdit(ctx.db, ctx.actor, input.id)),

  importPreview: permissionProcedure("listing.write")
    .input(ZImportInput)
    .output(ZImportPreview)
    .mutation(({ ctx, input }) => previewImport(ctx.db, ctx.actor, input)),

  importCommit: permissionProcedure("listing.write")
    .input(ZImportInput)
    .output(ZImportResult)
    .mutation(({ ctx, input }) => commitImport(ctx.db, ctx.actor, input)),

  exportCsv: permissionProcedure("listing.own")
    .output(z.object({ fileName: z.string(), csv: z.string(), count: z.number().int() }))
    .query(({ ctx }) => exportListingsCsv(ctx.db, ctx.actor)),
});
