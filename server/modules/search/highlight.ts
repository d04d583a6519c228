import type { HighlightPart } from "@/server/modules/search/search-types";
import { cutHan, pinyinTerms, splitRuns } from "@/server/modules/search/text-analyzer";

/**
 * Marks the parts of a title a query matched: Chinese terms and Latin words as substrings (case-insensitive),
 * and, for a Latin query, the Chinese words whose pinyin or initials it spells (cfz → 冲锋舟). Returns parts to
 * render as text, so nothing from a title is ever treated as markup.
 */
export function highlightTitle(title: string, terms: readonly string[], latinWords: readonly string[] = []): HighlightPart[] {
  const lower = title.toLowerCase();
  const marked = new Array<boolean>(title.length).fill(false);
  const mark = (from: number, len: number) => {
    for (let i = from; i < from + len && i < marked.length; i++) marked[i] = true;
  };
  for (const term of terms) {
    const t = term.toLowerCase();
    if (!t) continue;
    for (let at = lower.indexOf(t); at >= 0; at = lower.indexOf(t, at + t.length)) mark(at, t.length);
  }
  if (latinWords.length > 0) {
    let from = 0;
    for (const run of splitRuns(title)) {
      if (run.script !== "han") continue;
      const runAt = title.indexOf(run.text, from);
      if (runAt < 0) continue;
      let at = runAt;
      for (const word of cutHan(run.text)) {
        const py = pinyinTerms(word, null);
        const spelled = latinWords.some((q) => q.length >= 2 && [...py.full, ...py.initials].some((p) => p.startsWith(q)));
        if (spelled) mark(at, word.length);
        at += word.length;
      }
      from = runAt + run.text.length;
    }
  }
  const parts: HighlightPart[] = [];
  for (let i = 0; i < title.length; i++) {
    const last = parts[parts.length - 1];
    if (last && last.match === marked[i]) last.text += title[i];
    else parts.push({ text: title[i]!, match: marked[i]! });
  }
  return parts;
}
