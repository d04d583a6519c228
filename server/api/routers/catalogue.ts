import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import {
  ZGetResourceTypeInput,
  ZListResourceTypesInput,
  ZResourceTypeDto,
  ZResourceTypeList,
} from "@/lib/schemas/catalogue";
import { ZCreateResourceTypeInput, ZUpdateResourceTypeInput } from "@/lib/schemas/catalogue-admin";
import { getResourceTypeByCode, listResourceTypes } from "@/server/modules/catalogue/resource-types";
import { createResourceType, updateResourceType } from "@/server/modules/catalogue/manage-resource-types";

/** Catalogue reads (also served over REST /api/v1 for API-key clients) and admin writes (tRPC only). */
export const catalogueRouter = createTRPCRouter({
  listTypes: permissionProcedure("catalogue.read")
    .meta({
      openapi: {
        method: "GET",
        path: "/resource-types",
        tags: ["catalogue"],
        protect: true,
        summary: "List resource types",
        description: "The resource catalogue: categories, capability metrics and units. Filter by category, text or status.",
      },
    })
    .input(ZListResourceTypesInput)
    .output(ZResourceTypeList)
    .query(({ ctx, input }) => listResourceTypes(ctx.db, input)),

  getType: permissionProcedure("catalogue.read")
    .meta({
      openapi: {
        method: "GET",
        path: "/resource-types/{code}",
        tags: ["catalogue"],
        protect: true,
        summary: "Get one resource type by code",
      },
    })
    .input(ZGetResourceTypeInput)
    .output(ZResourceTypeDto)
    .query(({ ctx, input }) => getResourceTypeByCode(ctx.db, input.code)),

  createType: permissionProcedure("catalogue.write")
    .input(ZCreateResourceTypeInput)
    .output(ZResourceTypeDto)
    .mutation(({ ctx, input }) => createResourceType(ctx.db, ctx.actor, input)),

  updateType: permissionProcedure("catalogue.write")
    .input(ZUpdateResourceTypeInput)
    .output(ZResourceTypeDto)
    .mutation(({ ctx, input }) => updateResourceType(ctx.db, ctx.actor, input)),
});
