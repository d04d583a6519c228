import { DOMAIN_TERMS } from "@/server/modules/search/domain-terms";
import { quoteLexeme, TITLE_MARK } from "@/server/modules/search/search-lexemes";
import { chineseVariants, latinVariants } from "@/server/modules/search/synonyms";
import { charBigrams, cutHan, splitRuns, stemEnglish, type RunScript } from "@/server/modules/search/text-analyzer";

/**
 * A query → words → one tsquery. Every word must match (AND); each word matches through any of its forms (OR):
 *  - Chinese: the word, or all its character bigrams (so 处理 finds 待处理 and 排涝泵 finds 排涝泵车), and the same
 *    for its synonym variants (抽水泵 → 排水泵, 排涝泵) and Latin synonyms. Never pinyin, so 景点 cannot find 经典.
 *  - Latin: the stem (the last word also as a prefix, for typing), synonyms, pinyin (py:, a prefix) and initials
 *    (in:), and the typo corrections found in the vocabulary.
 *  - Numbers: as written.
 */

export type QueryWord = { text: string; script: RunScript; position: number };

const DOMAIN = new Set(DOMAIN_TERMS);

export function parseQuery(q: string): QueryWord[] {
  const words: QueryWord[] = [];
  for (const run of splitRuns(q)) {
    const parts = run.script === "han" ? cutHan(run.text) : [run.text];
    for (const text of parts) if (!words.some((w) => w.text === text)) words.push({ text, script: run.script, position: words.length });
  }
  return words.slice(0, 10);
}

/** Higher = more important: domain terms, then longer words; relaxation drops the lowest first. */
export function wordImportance(w: QueryWord): number {
  if (w.script === "han") return DOMAIN.has(w.text) ? 30 : Math.min(20, [...w.text].length * 5);
  if (w.script === "latin") return Math.min(20, w.text.length * 3);
  return 1;
}

/** The word to drop next when nothing matches: the least important, the later one on ties. */
export function leastImportant(words: QueryWord[]): QueryWord | null {
  if (words.length <= 1) return null;
  return [...words].sort((a, b) => wordImportance(a) - wordImportance(b) || b.position - a.position)[0] ?? null;
}

function hanTerm(v: string, mark = ""): string {
  const q = (x: string) => quoteLexeme(`${mark}${x}`);
  if ([...v].length <= 2) return q(v);
  return `(${q(v)} | (${charBigrams(v).map(q).join(" & ")}))`;
}

/** The last word's position: the word being typed. */
const lastPosition = (words: QueryWord[]) => Math.max(...words.map((w) => w.position));

export function isLatinQuery(words: QueryWord[]): boolean {
  return words.length > 0 && words.every((w) => w.script !== "han");
}

/**
 * One word's alternatives as a tsquery. `last`: the word being typed (prefix match). `fuzzy`: vocabulary
 * words close to a misspelt Latin word.
 */
export function wordTsquery(w: QueryWord, last: boolean, fuzzy: readonly string[] = [], synonyms = true): string {
  const alts = new Set<string>();
  if (w.script === "han") {
    const v = synonyms ? chineseVariants(w.text) : { han: [w.text], latin: [] };
    for (const h of v.han) alts.add(hanTerm(h));
    for (const l of v.latin) alts.add(quoteLexeme(stemEnglish(l)));
  } else if (w.script === "latin") {
    const stem = stemEnglish(w.text);
    const typing = last && w.text.length >= 2;
    // the prefix covers the stem when they are the same word: one term fewer to look up (and to estimate)
    if (!(typing && stem === w.text)) alts.add(quoteLexeme(stem));
    if (typing) alts.add(`${quoteLexeme(w.text)}:*`);
    const v = synonyms ? latinVariants(w.text) : { han: [], latin: [] };
    for (const l of v.latin) alts.add(quoteLexeme(stemEnglish(l)));
    for (const h of v.han) alts.add(hanTerm(h));
    if (w.text.length >= 2) {
      alts.add(w.text.length >= 3 ? `${quoteLexeme(`py:${w.text}`)}:*` : quoteLexeme(`py:${w.text}`));
      alts.add(last ? `${quoteLexeme(`in:${w.text}`)}:*` : quoteLexeme(`in:${w.text}`));
    }
    for (const f of fuzzy) {
      alts.add(quoteLexeme(stemEnglish(f)));
      alts.add(quoteLexeme(`py:${f}`));
    }
  } else {
    alts.add(quoteLexeme(w.text));
  }
  return `(${[...alts].join(" | ")})`;
}

/**
 * The AND of every word's alternatives, or null for an empty query. `synonyms: false` gives the words as typed
 * (no synonyms, no typo corrections): matching it ranks a document above one found only through a synonym.
 */
export function contentTsquery(
  words: QueryWord[], fuzzy: ReadonlyMap<string, readonly string[]> = new Map(), synonyms = true,
): string | null {
  if (words.length === 0) return null;
  const lastPos = lastPosition(words);
  return words.map((w) => wordTsquery(w, w.position === lastPos, synonyms ? fuzzy.get(w.text) : [], synonyms)).join(" & ");
}

/** One title alternative of a Latin word: a ti: lexeme, matched exactly or as a prefix (the word being typed). */
type TitleAlt = { lexeme: string; prefix: boolean };

function latinTitleAlts(w: QueryWord, last: boolean): TitleAlt[] {
  const stem = stemEnglish(w.text);
  const typing = last && w.text.length >= 2;
  const alts: TitleAlt[] = [];
  // the prefix covers the stem when they are the same word
  if (!(typing && stem === w.text)) alts.push({ lexeme: `${TITLE_MARK}${stem}`, prefix: false });
  if (typing) alts.push({ lexeme: `${TITLE_MARK}${w.text}`, prefix: true });
  if (w.text.length >= 2) {
    alts.push({ lexeme: `${TITLE_MARK}py:${w.text}`, prefix: w.text.length >= 3 });
    alts.push({ lexeme: `${TITLE_MARK}in:${w.text}`, prefix: last });
  }
  return alts;
}

/** The ti: lexemes titleTsquery matches as prefixes: what a vocabulary of title lexemes can expand (search-title-terms.ts). */
export function titlePrefixes(words: QueryWord[]): string[] {
  if (words.length === 0) return [];
  const lastPos = lastPosition(words);
  const out = new Set<string>();
  for (const w of words) if (w.script === "latin") for (const a of latinTitleAlts(w, w.position === lastPos)) if (a.prefix) out.add(a.lexeme);
  return [...out];
}

/**
 * The pre-rank's tsquery: every word as typed (no synonyms or typo fixes) in the title (ti: lexemes). It is a
 * subset of contentTsquery's matches, and the documents it finds are the ones ranking puts first. `expansions`:
 * for a prefix, every title lexeme that starts with it (the same matches as the prefix: a GIN partial match
 * cannot skip ahead, so in an AND it reads its whole posting lists, where exact lexemes are probed); a prefix
 * without an entry stays a prefix.
 */
export function titleTsquery(words: QueryWord[], expansions: ReadonlyMap<string, readonly string[]> = new Map()): string | null {
  if (words.length === 0) return null;
  const lastPos = lastPosition(words);
  const q = (x: string) => quoteLexeme(`${TITLE_MARK}${x}`);
  return words
    .map((w) => {
      if (w.script === "han") return hanTerm(w.text, TITLE_MARK);
      if (w.script !== "latin") return q(w.text);
      const alts = new Set<string>();
      const wordAlts = latinTitleAlts(w, w.position === lastPos);
      for (const a of wordAlts) {
        const exact = a.prefix ? expansions.get(a.lexeme) : [a.lexeme];
        if (exact) for (const l of exact) alts.add(quoteLexeme(l));
        else alts.add(`${quoteLexeme(a.lexeme)}:*`);
      }
      // a prefix no title lexeme starts with is left out (each term costs the lookup on every entry it reads); with
      // none left, the word as typed, which no title holds either
      if (alts.size === 0) alts.add(quoteLexeme(wordAlts[0]!.lexeme));
      return `(${[...alts].join(" | ")})`;
    })
    .join(" & ");
}

/**
 * The middle tier's tsquery: every word in the title as typed or through a synonym (ti: lexemes of its variants), or
 * null when no word has a synonym. Its matches rank after the typed title matches and before matches in the body
 * only: for 抽水泵, which no title holds, the first titles with 排水泵 or 排涝泵, not the first documents naming
 * any of them anywhere (a lookup of 72,000 matches at 1M).
 */
export function synonymTitleTsquery(words: QueryWord[]): string | null {
  let any = false;
  const q = (x: string) => quoteLexeme(`${TITLE_MARK}${x}`);
  const parts = words.map((w) => {
    if (w.script !== "han" && w.script !== "latin") return q(w.text);
    const v = w.script === "han" ? chineseVariants(w.text) : latinVariants(w.text);
    const alts = new Set<string>(w.script === "han" ? [] : [q(stemEnglish(w.text))]);
    for (const h of v.han) alts.add(hanTerm(h, TITLE_MARK));
    for (const l of v.latin) alts.add(q(stemEnglish(l)));
    if (v.han.some((h) => h !== w.text) || v.latin.length > 0) any = true;
    return `(${[...alts].join(" | ")})`;
  });
  return any ? parts.join(" & ") : null;
}

/** Latin words worth a typo lookup (short words have too many neighbours). */
export function fuzzyCandidates(words: QueryWord[]): string[] {
  return words.filter((w) => w.script === "latin" && w.text.length >= 4).map((w) => w.text);
}

/** Terms to mark in a title: the Chinese words and variants, Latin stems and synonyms. */
export function highlightTerms(words: QueryWord[]): string[] {
  const out = new Set<string>();
  for (const w of words) {
    if (w.script === "han") {
      const v = chineseVariants(w.text);
      for (const h of v.han) out.add(h);
      for (const l of v.latin) out.add(l);
    } else {
      out.add(w.text);
      out.add(stemEnglish(w.text));
      const v = latinVariants(w.text);
      for (const x of [...v.han, ...v.latin]) out.add(x);
    }
  }
  return [...out].filter((t) => t.length > 0);
}

/**
 * What ranking looks for in a document's title (search-lexemes titleNorm), per query word: the word as typed
 * (Chinese word, English stem, pinyin or initials as typed) and its other forms (synonyms, typo fixes).
 */
export function rankTerms(words: QueryWord[], fuzzy: ReadonlyMap<string, readonly string[]> = new Map()): Array<{ typed: string[]; other: string[] }> {
  return words.map((w) => {
    if (w.script === "han") {
      const v = chineseVariants(w.text);
      return { typed: [w.text], other: [...v.han.filter((h) => h !== w.text), ...v.latin.map(stemEnglish)] };
    }
    if (w.script === "latin") {
      const v = latinVariants(w.text);
      const typed = [...new Set([w.text, stemEnglish(w.text)])];
      return { typed, other: [...v.han, ...v.latin.map(stemEnglish), ...(fuzzy.get(w.text) ?? [])].filter((x) => !typed.includes(x)) };
    }
    return { typed: [w.text], other: [] };
  });
}
