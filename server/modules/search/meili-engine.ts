import { Meilisearch, type Index } from "meilisearch";
import { env } from "@/lib/env";
import type {
  EngineResult, HighlightPart, SearchDocument, SearchEngine, SearchFacets, SearchKind, SearchRef, SearchRequest, SearchViewer, VersionRow,
} from "@/server/modules/search/search-types";
import { EMPTY_FACETS, MAX_TOTAL_HITS } from "@/server/modules/search/search-types";
import { meiliSettings, MEILI_SEARCHABLE, MEILI_TEXT_ONLY } from "@/server/modules/search/meili-settings";
import { charBigrams, pinyinTerms, splitRuns } from "@/server/modules/search/text-analyzer";
import { AppError } from "@/server/errors";

/**
 * The Meilisearch engine (official client), used when MEILI_HOST is set. One index for all kinds, primary key
 * `uid` = kind-id. Versions: Meilisearch has no conditional write, so upsert reads the stored versions first and
 * sends only newer documents; a removal stores a tombstone document (deleted = true, hidden from every search)
 * so a late, older upsert cannot bring it back. This read-then-write is safe for one writer (the sync worker).
 */

type MeiliDoc = {
  uid: string; kind: SearchKind; id: string; version: number; deleted: boolean; title: string; titleEn: string | null;
  text: string; textEn: string; grams: string; pinyin: string[]; initials: string[]; category: string | null;
  typeCode: string | null; regionCode: string | null; regionPath: string[]; available: boolean; verified: boolean;
  priceMode: string | null; ownerOrgId: string | null; vis: string[]; _geo?: { lat: number; lng: number };
};

const PRE = "\u0001";
const POST = "\u0002";
const WAIT = { timeout: 30_000, interval: 25 };

const uidOf = (kind: SearchKind, id: string) => `${kind}-${id}`;
const q = (v: string) => JSON.stringify(v);

export function toMeiliDoc(d: SearchDocument): MeiliDoc {
  const py = pinyinTerms(`${d.title} ${d.text}`, d.personName);
  const grams = splitRuns(`${d.title} ${d.text}`).filter((r) => r.script === "han").flatMap((r) => charBigrams(r.text)).join(" ");
  const v = d.visibility;
  const vis = [...(v.public ? ["all"] : []), ...v.orgIds.map((o) => `vo:${o}`), ...v.userIds.map((u) => `vu:${u}`), ...v.audiences.map((a) => `aud:${a}`)];
  return {
    uid: uidOf(d.kind, d.id), kind: d.kind, id: d.id, version: Number(d.version), deleted: false, title: d.title, titleEn: d.titleEn,
    text: d.text, textEn: d.textEn, grams, pinyin: [...py.full, ...py.syllables], initials: py.initials, category: d.category,
    typeCode: d.typeCode, regionCode: d.regionCode, regionPath: d.regionPath, available: d.available, verified: d.verified,
    priceMode: d.priceMode, ownerOrgId: d.ownerOrgId, vis,
    ...(d.lat !== null && d.lng !== null ? { _geo: { lat: d.lat, lng: d.lng } } : {}),
  };
}

function filters(req: SearchRequest, viewer: SearchViewer): string[] {
  const f = ["deleted = false"];
  if (req.kinds.length > 0) f.push(`kind IN [${req.kinds.map(q).join(", ")}]`);
  if (req.category) f.push(`category = ${q(req.category)}`);
  if (req.typeCode) f.push(`typeCode = ${q(req.typeCode)}`);
  if (req.region) f.push(`regionPath = ${q(req.region)}`);
  if (req.available !== undefined) f.push(`available = ${req.available}`);
  if (req.verified !== undefined) f.push(`verified = ${req.verified}`);
  if (req.priceMode) f.push(`priceMode = ${q(req.priceMode)}`);
  if (req.near && req.radiusKm) f.push(`_geoRadius(${req.near.lat}, ${req.near.lng}, ${Math.round(req.radiusKm * 1000)})`);
  if (!viewer.admin) {
    const vis = ["all", ...viewer.orgIds.map((o) => `vo:${o}`), ...viewer.audiences.map((a) => `aud:${a}`)];
    if (viewer.userId) vis.push(`vu:${viewer.userId}`);
    f.push(`vis IN [${vis.map(q).join(", ")}]`);
  }
  return f;
}

/** "<pre>冲锋舟<post>（1型）" → parts. */
export function partsOf(formatted: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  for (const piece of formatted.split(PRE)) {
    const [a, b] = piece.includes(POST) ? piece.split(POST, 2) : [null, piece];
    if (a) parts.push({ text: a, match: true });
    if (b) parts.push({ text: b, match: false });
  }
  return parts;
}

function pageOf(cursor: string | undefined): number {
  if (!cursor) return 1;
  const m = /^p:(\d{1,5})$/.exec(cursor);
  if (!m) throw new AppError("BAD_REQUEST", "Invalid cursor.", { cursor: ["errors.badCursor"] });
  return Number(m[1]);
}

export function meiliEngine(config: { host: string; apiKey?: string; indexUid: string }): SearchEngine {
  const client = new Meilisearch({ host: config.host, apiKey: config.apiKey });
  const index: Index<MeiliDoc> = client.index<MeiliDoc>(config.indexUid);
  const nextOffset = new Map<string, number>();

  async function storedVersions(uids: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < uids.length; i += 500) {
      const chunk = uids.slice(i, i + 500);
      const res = await index.getDocuments({ filter: `uid IN [${chunk.map(q).join(", ")}]`, fields: ["uid", "version"], limit: chunk.length });
      for (const d of res.results) out.set(d.uid, d.version);
    }
    return out;
  }

  return {
    name: "meilisearch",
    async ensureSettings() {
      await client.createIndex(config.indexUid, { primaryKey: "uid" }).waitTask(WAIT).catch(() => undefined);
      await index.updateSettings(meiliSettings()).waitTask(WAIT);
    },
    async upsert(docs) {
      const mdocs = docs.map(toMeiliDoc);
      const stored = await storedVersions(mdocs.map((d) => d.uid));
      const newer = new Map<string, MeiliDoc>();
      for (const d of mdocs) {
        const had = stored.get(d.uid);
        if (had !== undefined && had > d.version) continue;
        const prev = newer.get(d.uid);
        if (!prev || prev.version < d.version) newer.set(d.uid, d);
      }
      if (newer.size > 0) await index.addDocuments([...newer.values()]).waitTask(WAIT);
    },
    async remove(refs: SearchRef[]) {
      const stored = await storedVersions(refs.map((r) => uidOf(r.kind, r.id)));
      const tombs = refs
        .filter((r) => (stored.get(uidOf(r.kind, r.id)) ?? -1) <= Number(r.version))
        .map((r) => ({ uid: uidOf(r.kind, r.id), kind: r.kind, id: r.id, version: Number(r.version), deleted: true, title: "", vis: [] }));
      // addDocuments replaces the whole document: a tombstone keeps nothing of it
      if (tombs.length > 0) await index.addDocuments(tombs as unknown as MeiliDoc[]).waitTask(WAIT);
    },
    async search(req, viewer): Promise<EngineResult> {
      const latin = splitRuns(req.q).every((r) => r.script !== "han");
      const page = pageOf(req.cursor);
      const sort = ["verified:desc", "available:desc", ...(req.near ? [`_geoPoint(${req.near.lat}, ${req.near.lng}):asc`] : [])];
      const res = await index.search(req.q, {
        // every word must match, as on PostgreSQL: dropping words is searchExchange's relaxation, reported to the user
        filter: filters(req, viewer), sort, hitsPerPage: req.limit, page, matchingStrategy: "all",
        facets: ["category", "regionCode", "typeCode", "available", "priceMode", "verified"],
        // pinyin and initials only for a Latin query, so 景点 never meets 经典 through their reading
        attributesToSearchOn: latin ? [...MEILI_SEARCHABLE] : MEILI_TEXT_ONLY,
        attributesToHighlight: ["title"], highlightPreTag: PRE, highlightPostTag: POST,
      });
      const fd = res.facetDistribution ?? {};
      const facets: SearchFacets = {
        ...EMPTY_FACETS(), category: fd.category ?? {}, region: fd.regionCode ?? {}, typeCode: fd.typeCode ?? {},
        available: fd.available ?? {}, priceMode: fd.priceMode ?? {}, verified: fd.verified ?? {},
      };
      const hits = res.hits.map((h) => {
        const geo = h._geo;
        const dist = (h as { _geoDistance?: number })._geoDistance;
        return {
          kind: h.kind, id: h.id, title: h.title, titleEn: h.titleEn ?? null,
          highlight: partsOf(String((h._formatted as { title?: string } | undefined)?.title ?? h.title)),
          ...(dist !== undefined ? { distanceKm: Math.round(dist / 10) / 100 } : {}),
          ...(geo ? { lat: Number(geo.lat), lng: Number(geo.lng) } : {}),
        };
      });
      return { total: res.totalHits, totalCapped: res.totalHits >= MAX_TOTAL_HITS, hits, facets, nextCursor: page < res.totalPages ? `p:${page + 1}` : null };
    },
    async versionsOf(kind, ids): Promise<VersionRow[]> {
      const out: VersionRow[] = [];
      for (let i = 0; i < ids.length; i += 500) {
        const uids = ids.slice(i, i + 500).map((id) => q(uidOf(kind, id)));
        const res = await index.getDocuments({ filter: `uid IN [${uids.join(", ")}] AND deleted = false`, fields: ["id", "version"], limit: uids.length });
        for (const d of res.results) out.push({ id: d.id, version: String(d.version) });
      }
      return out;
    },
    async versions(kind, afterId, limit): Promise<VersionRow[]> {
      // Pages sorted by id; a filter cannot compare strings, so the offset after each page's last id is remembered
      // (the reconcile asks for the pages in order) and found by scanning when it is not.
      let offset = afterId === null ? 0 : (nextOffset.get(`${kind}\u0000${afterId}`) ?? -1);
      const page = (o: number, n: number) =>
        index.getDocuments({ filter: `kind = ${q(kind)} AND deleted = false`, fields: ["id", "version"], sort: ["id:asc"], offset: o, limit: n });
      // a removal since (the reconcile removes orphans as it walks) shifts the offsets: check the one before
      if (offset > 0 && (await page(offset - 1, 1)).results[0]?.id !== afterId) offset = -1;
      for (let o = 0; offset < 0; o += 1000) {
        const res = await page(o, 1000);
        const at = res.results.findIndex((d) => d.id > afterId!);
        if (at >= 0) offset = o + at;
        else if (res.results.length < 1000) return [];
      }
      const res = await page(offset, limit);
      const last = res.results[res.results.length - 1];
      if (last) nextOffset.set(`${kind}\u0000${last.id}`, offset + res.results.length);
      return res.results.map((d) => ({ id: d.id, version: String(d.version) }));
    },
  };
}

/** The configured Meilisearch engine, or null when MEILI_HOST is unset. */
export function meiliEngineFromEnv(): SearchEngine | null {
  if (!env.MEILI_HOST) return null;
  return meiliEngine({ host: env.MEILI_HOST, apiKey: env.MEILI_API_KEY, indexUid: `${env.MEILI_INDEX_PREFIX}_search` });
}
