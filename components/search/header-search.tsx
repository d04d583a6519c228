"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { cx } from "@/components/ui/cx";
import { HighlightedTitle } from "@/components/search/highlighted-title";
import { hitHref } from "@/components/search/hit-href";
import { searchHref } from "@/components/search/search-url";

const DEBOUNCE_MS = 150;

/** Whether a key press happened while typing somewhere (then "/" is a character, not the shortcut). */
function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
}

/**
 * The header's search box: an ARIA 1.2 combobox with grouped instant suggestions (listings, needs,
 * organisations, types — search.suggest), arrow keys to move, Enter to open, Escape to close; Enter with no
 * suggestion chosen (or the last option) opens the results page. "/" anywhere outside a field focuses it. A
 * plain GET form underneath, so it works before the page's script has loaded.
 */
export function HeaderSearch({ className }: { className?: string }) {
  const t = useT("search");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const listboxId = useId();
  const hintId = useId();
  const optionPrefix = useId();
  const [q, setQ] = useState("");
  const [debounced, setDebounced] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    const id = setTimeout(() => setDebounced(q.trim()), DEBOUNCE_MS);
    return () => clearTimeout(id);
  }, [q]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return;
      const input = inputRef.current;
      // two instances exist (header row, phone row); only the one on screen takes the shortcut
      if (!input || input.offsetParent === null) return;
      e.preventDefault();
      input.focus();
      input.select();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const suggest = useQuery({
    ...trpc.search.suggest.queryOptions({ q: debounced }),
    enabled: debounced.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const data = suggest.data;
  const groups = useMemo(() => (debounced && data ? data.groups : []), [debounced, data]);
  // one flat list of options for the keyboard: every suggestion, then "see all results"; `start` is each group's first index
  const { options, starts } = useMemo(() => {
    const flat = groups.flatMap((g) => g.hits.map((h) => ({ href: hitHref(locale, h) })));
    const offsets: number[] = [];
    groups.reduce((n, g) => (offsets.push(n), n + g.hits.length), 0);
    return { options: [...flat, { href: searchHref(locale, { q: q.trim() }) }], starts: offsets };
  }, [groups, locale, q]);
  const expanded = open && q.trim().length > 0;
  const optionId = (i: number) => `${optionPrefix}-o${i}`;

  const go = (href: string) => {
    setOpen(false);
    setActive(-1);
    router.push(href);
  };

  return (
    <form
      role="search"
      action={`/${locale}/search`}
      className={cx("relative", className)}
      onSubmit={(e) => {
        e.preventDefault();
        if (!q.trim()) return;
        go(active >= 0 && options[active] ? options[active].href : searchHref(locale, { q: q.trim() }));
      }}
    >
      <label className="sr-only" htmlFor={`${listboxId}-input`}>{t("box.label")}</label>
      <input
        ref={inputRef}
        id={`${listboxId}-input`}
        name="q"
        type="search"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listboxId}
        aria-describedby={hintId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        placeholder={t("box.placeholder")}
        value={q}
        maxLength={100}
        className="h-9 w-full rounded-lg border border-slate-300 bg-white px-3 text-sm text-slate-900 placeholder:text-slate-500 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30"
        data-testid="header-search-input"
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive((a) => (a + 1) % options.length);
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
          } else if (e.key === "Escape") {
            if (expanded) {
              e.preventDefault();
              setOpen(false);
              setActive(-1);
            }
          }
        }}
      />
      <p id={hintId} className="sr-only">{t("box.hint")}</p>
      <div hidden={!expanded} className="absolute left-0 right-0 top-full z-40 mt-1 max-h-[70vh] min-w-72 overflow-y-auto rounded-lg border border-slate-200 bg-white p-1 shadow-lg">
        {debounced && suggest.isFetching && groups.length === 0 ? <p className="px-2 py-1.5 text-sm text-slate-600">{t("box.loading")}</p> : null}
        {debounced && suggest.isSuccess && !suggest.isFetching && groups.length === 0 ? <p className="px-2 py-1.5 text-sm text-slate-600">{t("box.none")}</p> : null}
        <div id={listboxId} role="listbox" aria-label={t("box.label")} data-testid="header-search-listbox">
          {groups.map((g, gi) => {
            const headingId = `${listboxId}-${g.kind}`;
            return (
              <div key={g.kind} role="group" aria-labelledby={headingId} data-testid={`suggest-group-${g.kind}`}>
                <div id={headingId} role="presentation" className="px-2 pb-1 pt-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
                  {t(`kinds.${g.kind}`)}
                </div>
                {g.hits.map((h, hi) => {
                  const i = starts[gi]! + hi;
                  return (
                    <div
                      key={`${h.kind}:${h.id}`}
                      id={optionId(i)}
                      role="option"
                      aria-selected={active === i}
                      className={cx("cursor-pointer truncate rounded-md px-2 py-1.5 text-sm text-slate-900", active === i ? "bg-brand-50 ring-1 ring-brand-600" : "hover:bg-slate-50")}
                      data-testid="suggestion"
                      data-kind={h.kind}
                      onMouseDown={(e) => e.preventDefault()}
                      onClick={() => go(options[i]!.href)}
                    >
                      <HighlightedTitle hit={h} english={locale === "en"} />
                    </div>
                  );
                })}
              </div>
            );
          })}
          <div
            id={optionId(options.length - 1)}
            role="option"
            aria-selected={active === options.length - 1}
            className={cx("cursor-pointer rounded-md px-2 py-1.5 text-sm font-medium text-brand-800", active === options.length - 1 ? "bg-brand-50 ring-1 ring-brand-600" : "hover:bg-slate-50")}
            data-testid="suggestion-all"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => go(options[options.length - 1]!.href)}
          >
            {t("box.all", { q: q.trim() })}
          </div>
        </div>
      </div>
      <p aria-live="polite" className="sr-only">{expanded && debounced && suggest.isSuccess ? t("box.count", { n: options.length - 1 }) : ""}</p>
    </form>
  );
}
