/**
 * Synonyms, one table for both engines (Meilisearch's `synonyms` setting is built from it). Each group's words
 * are interchangeable; Chinese members also match inside longer words (抽水泵 ⇄ 排水泵 ⇄ 排涝泵).
 * Latin members are lower-case single words.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["抽水", "排水", "排涝"],
  ["冲锋舟", "橡皮艇", "boat", "dinghy"],
  ["无人机", "drone", "uav"],
  ["发电机", "发电机组", "generator", "genset"],
  ["泵车", "pump"],
  ["水泵", "排水泵", "pump"],
  ["救护车", "ambulance"],
  ["挖掘机", "挖机", "excavator", "digger"],
  ["起重机", "吊车", "crane"],
  ["帐篷", "tent"],
  ["沙袋", "sandbag"],
  ["救生衣", "lifejacket"],
  ["消毒剂", "disinfectant"],
  ["防护服", "ppe"],
  ["急救包", "急救箱", "firstaid"],
  ["饮用水", "矿泉水", "water"],
  ["专家", "expert"],
  ["骑士", "骑手", "rider", "courier"],
  ["危化品", "危险化学品", "hazmat"],
  ["医疗", "medical"],
  ["救援队", "rescue"],
];

/** Every word of the groups `word` belongs to (itself included), for a whole-word match. */
export function synonymsOf(word: string): string[] {
  const out = new Set<string>([word]);
  for (const g of SYNONYM_GROUPS) if (g.includes(word)) for (const w of g) out.add(w);
  return [...out];
}

const HAN = /\p{Script=Han}/u;

/**
 * Variants of a Chinese query word: the word itself, each group member it contains swapped for the group's other
 * Chinese members (抽水泵 → 排水泵, 排涝泵), and the Latin members of groups the whole word belongs to.
 */
export function chineseVariants(word: string): { han: string[]; latin: string[] } {
  const han = new Set<string>([word]);
  const latin = new Set<string>();
  for (const g of SYNONYM_GROUPS) {
    for (const m of g) {
      if (!HAN.test(m) || !word.includes(m)) continue;
      for (const other of g) {
        if (HAN.test(other)) han.add(word.replace(m, other));
        else if (m === word) latin.add(other);
      }
    }
  }
  return { han: [...han], latin: [...latin] };
}

/** A Latin query word's synonyms: other Latin words and the Chinese words of its groups. */
export function latinVariants(word: string): { han: string[]; latin: string[] } {
  const all = synonymsOf(word);
  return { han: all.filter((w) => HAN.test(w)), latin: all.filter((w) => !HAN.test(w)) };
}
