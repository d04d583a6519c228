import type { SearchDocument, SearchViewer } from "@/server/modules/search/search-types";
import { latinWords, normalizeText, pinyinTerms, stemEnglish, textTerms } from "@/server/modules/search/text-analyzer";

/**
 * The PostgreSQL engine's lexemes. One tsvector per document holds text terms (bare), pinyin (py:) and initials
 * (in:), the title's terms again marked ti: (for the pre-rank), and filter/visibility terms (k: c: t: r: av: vf:
 * pm: vis: vo: vu: aud:), so a whole search is one GIN
 * lookup. Query words are cut to letters and digits before they become lexemes, so they never reach a
 * namespaced one.
 */

/** Prefix of the title's own terms (ti:泵车, ti:pump, ti:py:chongfengzhou): "this word is in the title". */
export const TITLE_MARK = "ti:";

/** A lexeme quoted for a tsvector/tsquery literal. */
export function quoteLexeme(s: string): string {
  return `'${s.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/**
 * Public to every caller, from a document's own columns: a listing or organisation when verified (offered), a type
 * when active (available); never a need. The document builders set visibility.public with this, so the PostgreSQL
 * engine can test the common case on the row (postgres-search PUBLIC_ROW) instead of intersecting every search with
 * a posting list of nearly every document ('vis:all': 3-4× the GIN lookup of a broad word, measured at 100k).
 */
export function publicByColumns(d: Pick<SearchDocument, "kind" | "verified" | "available">): boolean {
  if (d.kind === "resource" || d.kind === "organization") return d.verified;
  if (d.kind === "type") return d.available;
  return false;
}

export function filterLexemes(doc: SearchDocument): string[] {
  const out = [`k:${doc.kind}`, `av:${doc.available ? 1 : 0}`, `vf:${doc.verified ? 1 : 0}`];
  if (doc.category) out.push(`c:${doc.category}`);
  if (doc.typeCode) out.push(`t:${doc.typeCode}`);
  if (doc.priceMode) out.push(`pm:${doc.priceMode}`);
  for (const r of doc.regionPath) out.push(`r:${r}`);
  const v = doc.visibility;
  if (v.public) out.push("vis:all");
  for (const o of v.orgIds) out.push(`vo:${o}`);
  for (const u of v.userIds) out.push(`vu:${u}`);
  for (const a of v.audiences) out.push(`aud:${a}`);
  return out;
}

/**
 * The tsvector literal (cast with ::tsvector, no parser) with everything; `titleNorm`, what ranking reads: the
 * titles normalised, the English title's stems and the Chinese title's pinyin and initials, as one short string
 * that query terms are looked for in; the Latin words for the typo vocabulary; and the title's ti: lexemes.
 */
export function documentLexemes(doc: SearchDocument): { tsv: string; titleNorm: string; vocabulary: string[]; titleLexemes: string[] } {
  const weights = new Map<string, "A" | "B" | "D">();
  const put = (lex: string, w: "A" | "B" | "D") => {
    const had = weights.get(lex);
    if (!had || (had === "B" && w === "A") || had === "D") weights.set(lex, w);
  };
  const titles = `${doc.title} ${doc.titleEn ?? ""}`;
  const titleTerms = textTerms(titles);
  for (const t of titleTerms) put(t, "A");
  // single characters only from titles: a one-character query looks for what a thing is called, and body
  // characters were a third of each vector (index writes cost per lexeme)
  for (const t of textTerms(`${doc.text} ${doc.textEn}`, false)) put(t, "B");
  // pinyin of the title weighs like body text, pinyin of the rest least
  const py = pinyinTerms(doc.text, doc.personName);
  for (const p of [...py.full, ...py.syllables]) weights.set(`py:${p}`, "D");
  for (const i of py.initials) if (i.length >= 2) weights.set(`in:${i}`, "D");
  const titlePy = pinyinTerms(doc.title, doc.personName);
  for (const p of [...titlePy.full, ...titlePy.syllables]) weights.set(`py:${p}`, "B");
  for (const i of titlePy.initials) if (i.length >= 2) weights.set(`in:${i}`, "B");
  const titleNorm = [
    normalizeText(titles), ...latinWords(titles).map(stemEnglish), ...titlePy.full, ...titlePy.initials.filter((i) => i.length >= 2),
  ].join(" ");
  const parts = [...weights].map(([lex, w]) => `${quoteLexeme(lex)}:1${w}`);
  // ti: title markers, so the candidate pre-rank (title matches first) is a GIN lookup, not a read of every match
  const titleLexemes = [
    ...[...titleTerms].map((t) => `${TITLE_MARK}${t}`),
    ...titlePy.full.map((p) => `${TITLE_MARK}py:${p}`),
    ...titlePy.initials.filter((i) => i.length >= 2).map((i) => `${TITLE_MARK}in:${i}`),
  ];
  for (const t of titleLexemes) parts.push(`${quoteLexeme(t)}:1D`);
  for (const f of filterLexemes(doc)) parts.push(`${quoteLexeme(f)}:1D`);
  const vocabulary = new Set<string>([...latinWords(titles), ...latinWords(doc.textEn), ...py.full, ...titlePy.full].filter((p) => p.length >= 4));
  return { tsv: parts.join(" "), titleNorm, vocabulary: [...vocabulary], titleLexemes };
}

/** The viewer's visibility as a tsquery fragment, or null for admins (they see everything). */
export function viewerTsquery(viewer: SearchViewer): string | null {
  if (viewer.admin) return null;
  const alts = ["vis:all", ...viewer.orgIds.map((o) => `vo:${o}`), ...viewer.audiences.map((a) => `aud:${a}`)];
  if (viewer.userId) alts.push(`vu:${viewer.userId}`);
  return `(${alts.map(quoteLexeme).join(" | ")})`;
}
