import { common } from "@/lib/i18n/messages/common";
import { landing } from "@/lib/i18n/messages/landing";
import { dashboard } from "@/lib/i18n/messages/dashboard";
import { admin } from "@/lib/i18n/messages/admin";
import { auth } from "@/lib/i18n/messages/auth";
import { apiKeys } from "@/lib/i18n/messages/api-keys";
import { catalogue as catalogueMessages } from "@/lib/i18n/messages/catalogue";
import { org } from "@/lib/i18n/messages/org";
import { knight } from "@/lib/i18n/messages/knight";
import { knightDuty } from "@/lib/i18n/messages/knight-duty";
import { browse } from "@/lib/i18n/messages/browse";
import { incidents } from "@/lib/i18n/messages/incidents";
import { needs } from "@/lib/i18n/messages/needs";
import { listings } from "@/lib/i18n/messages/listings";
import { offers } from "@/lib/i18n/messages/offers";
import { matching } from "@/lib/i18n/messages/matching";
import { knightApp } from "@/lib/i18n/messages/knight-app";
import { live } from "@/lib/i18n/messages/live";
import { knightDispatch } from "@/lib/i18n/messages/knight-dispatch";
import { dispatch } from "@/lib/i18n/messages/dispatch";
import { taskPhotos } from "@/lib/i18n/messages/task-photos";
import { notifications } from "@/lib/i18n/messages/notifications";
import { timeline } from "@/lib/i18n/messages/timeline";
import { commandKpis } from "@/lib/i18n/messages/command-kpis";
import { commandMap } from "@/lib/i18n/messages/command-map";
import { compensation } from "@/lib/i18n/messages/compensation";
import { volunteers } from "@/lib/i18n/messages/volunteers";
import { search } from "@/lib/i18n/messages/search";
import { orders } from "@/lib/i18n/messages/orders";
import { aar } from "@/lib/i18n/messages/aar";
import { costRecovery } from "@/lib/i18n/messages/cost-recovery";
import { refunds } from "@/lib/i18n/messages/refunds";

/**
 * Every message namespace, registered once. To add one: create lib/i18n/messages/<ns>.ts exporting
 * `export const <ns> = { "zh-CN": {...}, en: {...same keys...} } as const`, then add one import and
 * one entry below. The parity test (catalogue.test.ts) fails if the two locales' keys differ.
 */
export const catalogue = {
  common,
  landing,
  dashboard,
  admin,
  auth,
  apiKeys,
  catalogue: catalogueMessages,
  org,
  knight,
  knightDuty,
  browse,
  incidents,
  needs,
  listings,
  offers,
  matching,
  knightApp,
  live,
  knightDispatch,
  dispatch,
  taskPhotos,
  notifications,
  timeline,
  commandKpis,
  commandMap,
  compensation,
  volunteers,
  search,
  orders,
  aar,
  costRecovery,
  refunds,
} as const;

export type Catalogue = typeof catalogue;
export type Namespace = keyof Catalogue;
/** The message tree of one namespace (keys are taken from the zh-CN side; en has the same keys). */
export type NamespaceMessages<NS extends Namespace> = Catalogue[NS]["zh-CN"];
