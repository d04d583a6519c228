import { createTRPCRouter } from "@/server/api/trpc";
import { authRouter } from "@/server/api/routers/auth";
import { apiKeyRouter } from "@/server/api/routers/api-key";
import { catalogueRouter } from "@/server/api/routers/catalogue";
import { systemRouter } from "@/server/api/routers/system";
import { dashboardRouter } from "@/server/api/routers/dashboard";
import { orgRouter } from "@/server/api/routers/org";
import { knightRouter } from "@/server/api/routers/knight";
import { knightTaskRouter } from "@/server/api/routers/knight-task";
import { listingBrowseRouter } from "@/server/api/routers/listing-browse";
import { listingRouter } from "@/server/api/routers/listing";
import { incidentRouter } from "@/server/api/routers/incident";
import { needRouter } from "@/server/api/routers/need";
import { matchAssignRouter } from "@/server/api/routers/match-assign";
import { matchRouter } from "@/server/api/routers/match";
import { offerRouter } from "@/server/api/routers/offer";
import { notificationRouter } from "@/server/api/routers/notification";
import { liveRouter } from "@/server/api/routers/live";
import { dispatchRouter } from "@/server/api/routers/dispatch";
import { knightOfferRouter } from "@/server/api/routers/knight-offer";
import { platformRouter } from "@/server/api/routers/platform";
import { commandRouter } from "@/server/api/routers/command";
import { commandMapRouter } from "@/server/api/routers/command-map";
import { compensationRouter } from "@/server/api/routers/compensation";
import { volunteerRouter } from "@/server/api/routers/volunteer";
import { searchRouter } from "@/server/api/routers/search";
import { orderRouter } from "@/server/api/routers/order";
import { moneyRouter } from "@/server/api/routers/money";

/** Every router is registered here; each lives in server/api/routers/<noun>.ts. */
export const appRouter = createTRPCRouter({
  auth: authRouter,
  apiKey: apiKeyRouter,
  catalogue: catalogueRouter,
  system: systemRouter,
  dashboard: dashboardRouter,
  org: orgRouter,
  knight: knightRouter,
  knightTask: knightTaskRouter,
  listingBrowse: listingBrowseRouter,
  listing: listingRouter,
  incident: incidentRouter,
  need: needRouter,
  match: matchRouter,
  matchAssign: matchAssignRouter,
  offer: offerRouter,
  notification: notificationRouter,
  live: liveRouter,
  dispatch: dispatchRouter,
  knightOffer: knightOfferRouter,
  platform: platformRouter,
  command: commandRouter,
  commandMap: commandMapRouter,
  compensation: compensationRouter,
  volunteer: volunteerRouter,
  search: searchRouter,
  order: orderRouter,
  money: moneyRouter,
});

export type AppRouter = typeof appRouter;
