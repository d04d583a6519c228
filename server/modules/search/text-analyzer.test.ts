import { describe, expect, it } from "vitest";
import { charBigrams, cutHan, pinyinTerms, splitRuns, stemEnglish, textTerms } from "@/server/modules/search/text-analyzer";
import { chineseVariants, latinVariants } from "@/server/modules/search/synonyms";
import { highlightTitle } from "@/server/modules/search/highlight";
import { contentTsquery, leastImportant, parseQuery, titlePrefixes, titleTsquery } from "@/server/modules/search/query-analyzer";
import { documentLexemes } from "@/server/modules/search/search-lexemes";
import type { SearchDocument } from "@/server/modules/search/search-types";

function doc(title: string, text = ""): SearchDocument {
  return {
    kind: "organization", id: "o1", version: "1", title, titleEn: null, text, textEn: "", personName: null, category: null, typeCode: null,
    regionCode: null, regionPath: [], available: true, verified: true, priceMode: null, ownerOrgId: null, lat: null, lng: null,
    visibility: { public: true, orgIds: [], userIds: [], audiences: [] },
  };
}

/** Lexemes of a tsvector literal / tsquery text (prefix marks dropped). */
const lexemes = (s: string) => new Set([...s.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'")));
const prefixes = (s: string) => new Set([...s.matchAll(/'((?:[^']|'')*)':\*/g)].map((m) => m[1]!));

/** Whether a query could match a document: every AND-ed word has an alternative among the document's lexemes. */
function couldMatch(q: string, d: SearchDocument): boolean {
  const docLex = [...lexemes(documentLexemes(d).tsv)];
  const words = parseQuery(q);
  return words.every((w) => {
    const tq = contentTsquery([w])!;
    const exact = [...lexemes(tq)].some((l) => docLex.includes(l));
    const prefix = [...prefixes(tq)].some((p) => docLex.some((l) => l.startsWith(p)));
    return exact || prefix;
  });
}

describe("Chinese segmentation", () => {
  it("keeps the catalogue's domain terms whole (user dictionary)", () => {
    const words = cutHan("大流量排涝泵车龙吸水危化品处置队冲锋舟");
    expect(words).toEqual(expect.arrayContaining(["排涝泵车", "龙吸水", "危化品处置队", "冲锋舟"]));
    expect(words).not.toContain("危");
  });

  it("adds character bigrams, so 处理 is a term of 待处理", () => {
    expect(charBigrams("待处理")).toEqual(["待处", "处理"]);
    expect(cutHan("待处理")).toEqual(["待处理"]);
    expect(textTerms("待处理的物资").has("处理")).toBe(true);
    expect(couldMatch("处理", doc("待处理的物资"))).toBe(true);
  });

  it("splits scripts and normalises width and case", () => {
    expect(splitRuns("ＧＩＳ态势 50kW")).toEqual([
      { script: "latin", text: "gis" }, { script: "han", text: "态势" }, { script: "num", text: "50" }, { script: "latin", text: "kw" },
    ]);
  });
});

describe("English stemming", () => {
  it("meets plurals and verb forms at one stem, and leaves short words alone", () => {
    expect(stemEnglish("pumps")).toBe("pump");
    expect(stemEnglish("pumping")).toBe("pump");
    expect(stemEnglish("pumped")).toBe("pump");
    expect(stemEnglish("batteries")).toBe("battery");
    expect(stemEnglish("boxes")).toBe("box");
    expect(stemEnglish("boats")).toBe("boat");
    expect(stemEnglish("gas")).toBe("gas");
    expect(stemEnglish("status")).toBe("status");
  });
});

describe("pinyin", () => {
  it("gives full pinyin, syllables and initials per word", () => {
    const p = pinyinTerms("冲锋舟（1型）", null);
    expect(p.full).toContain("chongfengzhou");
    expect(p.syllables).toEqual(expect.arrayContaining(["chong", "feng", "zhou"]));
    expect(p.initials).toContain("cfz");
  });

  it("reads a person's name with surname readings", () => {
    expect(pinyinTerms("", "单雄信").full).toContain("shanxiongxin");
    expect(pinyinTerms("", "曾国藩").full).toContain("zengguofan");
  });

  it("matches pinyin and initials only for Latin queries: 景点 never finds 经典, jingdian does", () => {
    const d = doc("经典应急装备有限公司");
    expect(couldMatch("经典", d)).toBe(true);
    expect(couldMatch("景点", d)).toBe(false);
    expect(couldMatch("jingdian", d)).toBe(true);
    expect(couldMatch("jd", d)).toBe(true);
    expect(couldMatch("chongfengzhou", doc("冲锋舟（1型）"))).toBe(true);
    expect(couldMatch("cfz", doc("冲锋舟（1型）"))).toBe(true);
  });
});

describe("synonyms", () => {
  it("swaps a group member inside a longer Chinese word", () => {
    expect(chineseVariants("抽水泵").han).toEqual(expect.arrayContaining(["抽水泵", "排水泵", "排涝泵"]));
    expect(couldMatch("抽水泵", doc("大流量排涝泵车"))).toBe(true);
  });

  it("joins Latin and Chinese members", () => {
    expect(latinVariants("uav").han).toContain("无人机");
    expect(chineseVariants("冲锋舟").latin).toContain("boat");
    expect(couldMatch("UAV", doc("侦察无人机（2型）"))).toBe(true);
    expect(couldMatch("boat", doc("橡皮艇（2型）"))).toBe(true);
    expect(couldMatch("drone", doc("橡皮艇（2型）"))).toBe(false);
  });
});

describe("query words", () => {
  it("drops the least important word first (not a domain term, the later on ties)", () => {
    expect(leastImportant(parseQuery("冲锋舟 的"))?.text).toBe("的");
    expect(leastImportant(parseQuery("冲锋舟"))).toBeNull();
    expect(leastImportant(parseQuery("pump xy"))?.text).toBe("xy");
  });

  it("never lets a query word reach a filter or visibility lexeme", () => {
    const tq = contentTsquery(parseQuery("vis:all k:need"))!;
    expect([...lexemes(tq)].some((l) => l.startsWith("vis:") || l.startsWith("k:"))).toBe(false);
  });

  it("matches the word being typed in titles as a prefix, or as the exact lexemes a vocabulary expands it to", () => {
    const words = parseQuery("rescue dron");
    // pinyin of any word of 3+ letters is a prefix too
    expect(titlePrefixes(words)).toEqual(["ti:py:rescue", "ti:dron", "ti:py:dron", "ti:in:dron"]);
    expect(prefixes(titleTsquery(words)!)).toEqual(new Set(titlePrefixes(words)));
    const expanded = titleTsquery(words, new Map([["ti:dron", ["ti:drone", "ti:dronebot"]], ["ti:py:dron", []]]))!;
    // expanded: exact; none: left out; not looked up (too many): still a prefix
    expect(prefixes(expanded)).toEqual(new Set(["ti:py:rescue", "ti:in:dron"]));
    expect(lexemes(expanded)).toEqual(new Set(["ti:rescue", "ti:py:rescue", "ti:in:rescue", "ti:drone", "ti:dronebot", "ti:in:dron"]));
    // a word none of whose forms any title holds: the word as typed, which matches nothing
    const none = titleTsquery(parseQuery("zzq"), new Map([["ti:zzq", []], ["ti:py:zzq", []], ["ti:in:zzq", []]]))!;
    expect(none).toBe("('ti:zzq')");
  });
});

describe("highlight", () => {
  it("marks Chinese terms and pinyin-spelled words, keeping the title intact", () => {
    const parts = highlightTitle("冲锋舟（1型） · 秦淮区", ["冲锋舟"]);
    expect(parts[0]).toEqual({ text: "冲锋舟", match: true });
    expect(parts.map((p) => p.text).join("")).toBe("冲锋舟（1型） · 秦淮区");
    expect(highlightTitle("冲锋舟（1型）", ["cfz"], ["cfz"])[0]).toEqual({ text: "冲锋舟", match: true });
    expect(highlightTitle("<b>冲锋舟</b>", ["冲锋舟"]).map((p) => p.text).join("")).toBe("<b>冲锋舟</b>");
  });
});
