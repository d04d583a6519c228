import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { ZCommandMapInput, ZCommandRegionsInput, type TCommandMapDto, type TCommandRegion } from "@/lib/schemas/command-map";
import { listCommandRegions } from "@/server/modules/command/command-access";
import { loadCommandMap } from "@/server/modules/command/command-map";

/** Command centre map (issue 16): which regions the caller may open, and one region's live map data. */
export const commandMapRouter = createTRPCRouter({
  regions: permissionProcedure("command.read")
    .input(ZCommandRegionsInput)
    .query(({ ctx }): Promise<TCommandRegion[]> => listCommandRegions(ctx.db, ctx.actor)),

  map: permissionProcedure("command.read")
    .input(ZCommandMapInput)
    .query(({ ctx, input }): Promise<TCommandMapDto> => loadCommandMap(ctx.db, ctx.actor, input.regionCode)),
});
