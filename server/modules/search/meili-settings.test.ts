import { describe, expect, it } from "vitest";
import { meiliSettings, meiliSynonyms } from "@/server/modules/search/meili-settings";
import { partsOf, toMeiliDoc } from "@/server/modules/search/meili-engine";
import { DOMAIN_TERMS } from "@/server/modules/search/domain-terms";
import type { SearchDocument } from "@/server/modules/search/search-types";

const doc: SearchDocument = {
  kind: "resource", id: "r1", version: "42", title: "冲锋舟（1型） · 待处理", titleEn: "Assault boat", text: "华力设备", textEn: "Huali",
  personName: null, category: "EQUIPMENT", typeCode: "EQ-BOAT-1", regionCode: "320104", regionPath: ["320104", "320100", "320000"],
  available: true, verified: false, priceMode: "DAILY", ownerOrgId: "o1", lat: 32.02, lng: 118.79,
  visibility: { public: false, orgIds: ["o1"], userIds: [], audiences: [] },
};

describe("Meilisearch settings (in code)", () => {
  it("uses the cmn locale for Chinese fields, the domain dictionary and filterable visibility", () => {
    const s = meiliSettings();
    expect(s.localizedAttributes).toContainEqual({ attributePatterns: ["title", "text", "grams"], locales: ["cmn"] });
    expect(s.dictionary).toEqual([...DOMAIN_TERMS]);
    expect(s.filterableAttributes).toEqual(expect.arrayContaining(["vis", "deleted", "_geo", "regionPath", "kind"]));
    expect(s.sortableAttributes).toEqual(expect.arrayContaining(["_geo", "verified", "available"]));
    expect(s.searchableAttributes?.slice(0, 2)).toEqual(["title", "titleEn"]);
  });

  it("makes every synonym group symmetric", () => {
    const syn = meiliSynonyms();
    expect(syn["抽水"]).toEqual(expect.arrayContaining(["排水", "排涝"]));
    expect(syn["排涝"]).toContain("抽水");
    expect(syn["uav"]).toEqual(expect.arrayContaining(["无人机", "drone"]));
  });
});

describe("Meilisearch documents", () => {
  it("carries pinyin, initials and bigrams in their own fields, visibility as filter values, the version as a number", () => {
    const m = toMeiliDoc(doc);
    expect(m.uid).toBe("resource-r1");
    expect(m.version).toBe(42);
    expect(m.pinyin).toContain("chongfengzhou");
    expect(m.initials).toContain("cfz");
    expect(m.grams.split(" ")).toContain("处理");
    expect(m.vis).toEqual(["vo:o1"]);
    expect(m._geo).toEqual({ lat: 32.02, lng: 118.79 });
    expect(Object.keys(m).sort()).toEqual([
      "_geo", "available", "category", "deleted", "grams", "id", "initials", "kind", "ownerOrgId", "pinyin", "priceMode", "regionCode",
      "regionPath", "text", "textEn", "title", "titleEn", "typeCode", "uid", "verified", "version", "vis",
    ]);
  });

  it("turns highlight tags into text parts", () => {
    expect(partsOf("\u0001冲锋舟\u0002（1型）")).toEqual([{ text: "冲锋舟", match: true }, { text: "（1型）", match: false }]);
    expect(partsOf("无匹配")).toEqual([{ text: "无匹配", match: false }]);
  });
});
