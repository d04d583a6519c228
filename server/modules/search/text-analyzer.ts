import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import { pinyin } from "pinyin-pro";
import { jiebaUserDict } from "@/server/modules/search/domain-terms";

/**
 * Text → search terms, the same way for documents and queries. Chinese is cut by jieba (default dictionary plus
 * the catalogue's domain terms) and also into character bigrams and single characters, so a word cut that
 * differs between a document and a query still meets (处理 finds 待处理). English is lower-cased and lightly
 * stemmed (plurals, -ing, -ed). Pinyin and initials are separate terms that only Latin queries look at.
 */

export type RunScript = "han" | "latin" | "num";
export type TextRun = { script: RunScript; text: string };

let jieba: Jieba | null = null;

function segmenter(): Jieba {
  if (!jieba) {
    const j = Jieba.withDict(dict);
    j.loadDict(Buffer.from(jiebaUserDict()));
    jieba = j;
  }
  return jieba;
}

export function normalizeText(s: string): string {
  return s.normalize("NFKC").toLowerCase();
}

const RUN = /(\p{Script=Han}+)|([a-z]+)|(\d+(?:\.\d+)?)/gu;

/** Han, Latin-letter and digit runs; everything else (spaces, punctuation, symbols) separates. */
export function splitRuns(s: string): TextRun[] {
  const out: TextRun[] = [];
  for (const m of normalizeText(s).matchAll(RUN)) {
    if (m[1]) out.push({ script: "han", text: m[1] });
    else if (m[2]) out.push({ script: "latin", text: m[2] });
    else if (m[3]) out.push({ script: "num", text: m[3] });
  }
  return out;
}

/** jieba's precise cut (no HMM guessing, so a query cuts the same way every time). */
export function cutHan(run: string): string[] {
  return segmenter().cut(run, false);
}

/** Search-mode cut: the words and the dictionary words inside long ones (排涝泵车 → 排涝, 泵车, 排涝泵车). */
export function cutHanForIndex(run: string): string[] {
  return segmenter().cutForSearch(run, false);
}

export function charBigrams(run: string): string[] {
  const chars = [...run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/**
 * A light English stemmer (plural, -ing, -ed), applied alike to documents and queries, so "pumps", "pumping"
 * and "pumped" meet "pump". Words of four letters or fewer are left alone.
 */
export function stemEnglish(word: string): string {
  const w = word.toLowerCase();
  if (w.length <= 4) return w.endsWith("s") && !w.endsWith("ss") && w.length === 4 ? w.slice(0, -1) : w;
  if (w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (w.endsWith("sses")) return w.slice(0, -2);
  if (/(x|z|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) return w.slice(0, -1);
  if (w.endsWith("ing") && w.length > 6) return w.slice(0, -3);
  if (w.endsWith("ed") && w.length > 5) return w.slice(0, -2);
  return w;
}

const HAN_WORD = /^\p{Script=Han}+$/u;

/**
 * Text terms of a document field: jieba words (search mode), bigrams and (unless `characters` is false) single
 * characters of Chinese; stems of English; numbers. One jieba call for the whole text (a call per run cost more than the cutting).
 */
export function textTerms(text: string, characters = true): Set<string> {
  const out = new Set<string>();
  const norm = normalizeText(text);
  for (const w of segmenter().cutForSearch(norm, false)) if (HAN_WORD.test(w)) out.add(w);
  for (const run of splitRuns(norm)) {
    if (run.script === "han") {
      for (const b of charBigrams(run.text)) out.add(b);
      if (characters) for (const c of run.text) out.add(c);
    } else if (run.script === "latin") {
      out.add(stemEnglish(run.text));
    } else {
      out.add(run.text);
    }
  }
  return out;
}

/** English words as written (lower case), for the typo vocabulary. */
export function latinWords(text: string): string[] {
  return splitRuns(text)
    .filter((r) => r.script === "latin" && r.text.length >= 3)
    .map((r) => r.text);
}

export type PinyinTerms = { full: string[]; syllables: string[]; initials: string[] };

const syllableMemo = new Map<string, string[]>();

/** Pinyin syllables of a word; memoised, since the same words recur in every document of a type. */
function syllablesOf(word: string, surname: boolean): string[] {
  const key = surname ? `s:${word}` : word;
  const hit = syllableMemo.get(key);
  if (hit) return hit;
  const sy = pinyin(word, { toneType: "none", type: "array", v: true, surname: surname ? "head" : "off" })
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, ""))
    .filter(Boolean);
  if (syllableMemo.size > 100_000) syllableMemo.clear();
  syllableMemo.set(key, sy);
  return sy;
}

/**
 * Pinyin of each jieba word (冲锋舟 → chongfengzhou), its syllables (chong, feng, zhou) and initials (cfz).
 * `personName` is read whole with surname readings (单 → shan, 曾 → zeng).
 */
export function pinyinTerms(text: string, personName: string | null): PinyinTerms {
  const full = new Set<string>();
  const syllables = new Set<string>();
  const initials = new Set<string>();
  const add = (sy: string[]) => {
    if (sy.length === 0) return;
    full.add(sy.join(""));
    for (const s of sy) syllables.add(s);
    initials.add(sy.map((s) => s[0]).join(""));
  };
  if (personName) {
    for (const run of splitRuns(personName)) if (run.script === "han") add(syllablesOf(run.text, true));
  }
  for (const w of segmenter().cut(normalizeText(text), false)) if (HAN_WORD.test(w)) add(syllablesOf(w, false));
  return { full: [...full], syllables: [...syllables], initials: [...initials] };
}
