import type { TSearchResult } from "@/lib/schemas/search-api";

/**
 * A hit's title with its matched words marked, built from the engine's parts as React text nodes — never as
 * HTML, so a listing title can carry no markup into the page. In English, a hit with an English title shows that
 * (the highlight is for the Chinese title only).
 */
export function HighlightedTitle({ hit, english }: { hit: Pick<TSearchResult["hits"][number], "title" | "titleEn" | "highlight">; english: boolean }) {
  if (english && hit.titleEn) return <>{hit.titleEn}</>;
  if (hit.highlight.length === 0) return <>{hit.title}</>;
  return (
    <>
      {hit.highlight.map((p, i) =>
        p.match ? (
          <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-inherit" data-testid="hit-match">{p.text}</mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
