import type { Rng } from "./random";

/** Fake but well-formed personal data: Chinese names, mainland mobile numbers. */

const SURNAMES = [
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高",
  "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余",
  "于", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "沈", "姚", "卢", "钱", "汪", "陆", "顾", "戴", "秦", "尹", "季",
];
const GIVEN = [
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平",
  "刚", "桂英", "建华", "文", "华", "红", "建国", "志强", "海燕", "晓东", "婷", "雪", "浩", "宇", "子涵", "欣怡", "俊杰", "思远", "佳琪", "梓轩",
  "一鸣", "晨", "昊", "雨", "凯", "鹏", "斌", "辉", "玲", "莉", "蕾", "琳", "晶", "亮", "波", "峰", "瑞", "博", "嘉", "颖",
];

export function chineseName(rng: Rng): string {
  const given = rng.pick(GIVEN);
  // Two-character given names are common; compose one when the picked name is a single character.
  return rng.pick(SURNAMES) + (given.length === 1 && rng.chance(0.55) ? given + rng.pick(GIVEN).slice(0, 1) : given);
}

const MOBILE_PREFIXES = ["133", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "177", "180", "181", "182", "186", "187", "188", "189", "199"];

/** 11-digit mainland mobile, stored normalised (no spaces or dashes), matching /^1[3-9]\d{9}$/. */
export function mobilePhone(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

/** Hands out phone numbers that are unique within one seed run (users.phone is unique). */
export class PhoneBook {
  private readonly used = new Set<string>();

  reserve(phone: string): void {
    this.used.add(phone);
  }

  next(rng: Rng): string {
    for (;;) {
      const p = mobilePhone(rng);
      if (!this.used.has(p)) {
        this.used.add(p);
        return p;
      }
    }
  }
}

/** "13812345678" → "138-1234-5678", for display in the printed account table. */
export function formatPhone(p: string): string {
  return `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`;
}
