/**
 * A machine client of the REST API, as a delivery platform or government system would write it:
 * openapi-fetch typed by the `paths` that openapi-typescript generates from the live document.
 * server/api/openapi-contract.test.ts generates `./muster-api` in memory and type-checks this file; it is
 * excluded from the project's tsconfig because that module exists only then. Each `@ts-expect-error` marks
 * a call the contract must reject; if it stops being an error, the directive itself fails the check.
 */
import createClient from "openapi-fetch";
import type { paths } from "./muster-api";

const api = createClient<paths>({ baseUrl: "https://muster.example/api/v1", headers: { Authorization: "Bearer mk_example" } });

export async function health(): Promise<"ok" | "degraded" | undefined> {
  const { data, error } = await api.GET("/health");
  if (error) return undefined;
  const up: "up" | "down" = data.db;
  // @ts-expect-error health takes no body and has no POST
  await api.POST("/health", { body: {} });
  return up === "up" ? data.status : "degraded";
}

export async function pumpTypes(): Promise<string[]> {
  const { data, error } = await api.GET("/resource-types", { params: { query: { category: "EQUIPMENT", q: "泵", active: true } } });
  if (error) {
    const fields: Record<string, string[]> | null = error.fieldErrors;
    throw new Error(`${error.code}: ${error.message} ${JSON.stringify(fields)}`);
  }
  // @ts-expect-error category is an enum of the catalogue's categories
  await api.GET("/resource-types", { params: { query: { category: "BOATS" } } });
  // @ts-expect-error a resource type's code is a string, not a number
  const wrong: number = data.items[0].code;
  return data.items.map((t) => `${t.code} ${t.nameEn} L${t.typeLevel}`).concat(String(wrong));
}

export async function rankCandidates(needId: string): Promise<number> {
  const { data, error, response } = await api.POST("/needs/{id}/match", { params: { path: { id: needId } }, body: { limit: 10 } });
  if (error) return response.status;
  // @ts-expect-error the need id is a path parameter and required
  await api.POST("/needs/{id}/match", { body: { limit: 10 } });
  // @ts-expect-error limit is a number
  await api.POST("/needs/{id}/match", { params: { path: { id: needId } }, body: { limit: "10" } });
  return data.candidates.length + data.need.quantityOpen;
}

export async function riderOffers(rider: string): Promise<string[]> {
  const { data, error } = await api.GET("/platform/riders/{externalRiderId}/offers", { params: { path: { externalRiderId: rider } } });
  if (error) return [error.code];
  const first = data[0];
  // @ts-expect-error offers carry distance bands, never exact distances
  void first?.distanceKm;
  // @ts-expect-error there is no such path
  await api.GET("/platform/riders/{externalRiderId}/offer", { params: { path: { externalRiderId: rider } } });
  // No request body: openapi-fetch then sends no body and no Content-Type, which the route accepts.
  const accepted = await api.POST("/platform/offers/{offerId}/accept", { params: { path: { offerId: first!.offerId } } });
  if (accepted.response.status === 409) return [accepted.error!.message];
  return data.map((o) => `${o.offerId} ${o.distanceBand} ${o.expiresAt}`);
}

export async function searchExchange(): Promise<string[]> {
  const { data, error } = await api.GET("/search", {
    params: { query: { q: "排涝泵车", kind: ["resource", "need"], near: "32.06,118.79", radiusKm: 30, available: true, limit: 10 } },
  });
  if (error) throw new Error(`${error.code}: ${JSON.stringify(error.fieldErrors)}`);
  // @ts-expect-error the engine is named, never a number
  const engine: number = data.engine;
  // @ts-expect-error a category is one of the catalogue's categories
  await api.GET("/search", { params: { query: { category: "BOATS" } } });
  const next: string | null = data.nextCursor;
  const facets: Record<string, number> = data.facets.region;
  return data.hits
    .map((h) => `${h.kind}:${h.id} ${h.highlight.map((p) => (p.match ? `[${p.text}]` : p.text)).join("")} ${h.distanceKm ?? ""}`)
    .concat(String(engine), String(next), JSON.stringify(facets));
}
