/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character set (digits and the
 * capitals without I, O, Z, S, V) — registering authority (1), organization category (1), GB/T 2260 division code of
 * the registering authority (6), organization code (9, GB 11714), check character (1, MOD 31 with weights 3^i mod 31).
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The categories each registering authority (登记管理部门) issues (GB 32100 table 1). */
const CATEGORIES: Record<string, string> = {
  '1': '1239', // 机构编制: 机关, 事业单位, 中央编办直接管理机构编制的群众团体, 其他
  '2': '19', // 外交
  '3': '1249', // 司法行政: 律师执业机构, 公证处, 基层法律服务所, 其他
  '4': '19', // 文化
  '5': '1239', // 民政: 社会团体, 民办非企业单位, 基金会, 其他
  '6': '129', // 旅游
  '7': '129', // 宗教
  '8': '19', // 工会
  '9': '123', // 工商: 企业, 个体工商户, 农民专业合作社
  A: '19', // 中央军委改革和编制办公室
  N: '1239', // 农业
  Y: '1', // 其他
};

/** The check character of the first 17 characters (which must all be in the character set). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CHARSET[(31 - (sum % 31)) % 31];
}

export interface CreditCodeFacts {
  /** registering authority code (登记管理部门代码), e.g. "9" 工商 */
  authority: string;
  /** organization category (机构类别代码) within the authority, e.g. "1" 企业 */
  category: string;
  /** GB/T 2260 division code of the registering authority (登记管理机关行政区划码) */
  divisionCode: string;
}

/** Returns the facts the code encodes, or a reason a person can act on. */
export function parseCreditCode(
  raw: string,
): { ok: true; code: string; facts: CreditCodeFacts } | { ok: false; reason: string } {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, reason: `must be 18 characters; got ${code.length}` };
  const bad = [...code].findIndex((c) => !CHARSET.includes(c));
  if (bad >= 0)
    return {
      ok: false,
      reason: `character ${bad + 1} ("${code[bad]}") is not allowed: only digits and capitals other than I, O, Z, S, V`,
    };
  const categories = CATEGORIES[code[0]];
  if (!categories)
    return { ok: false, reason: `character 1 ("${code[0]}") is not a registering authority code (1-9, A, N or Y)` };
  if (!categories.includes(code[1]))
    return {
      ok: false,
      reason: `character 2 ("${code[1]}") is not an organization category of registering authority "${code[0]}" (one of ${[...categories].join(', ')})`,
    };
  if (!/^\d{6}$/.test(code.slice(2, 8)))
    return { ok: false, reason: `characters 3-8 (${code.slice(2, 8)}) must be a 6-digit division code` };
  if (creditCodeCheckChar(code) !== code[17])
    return {
      ok: false,
      reason: 'the check character does not match (GB 32100 MOD 31); a character is probably mistyped',
    };
  return { ok: true, code, facts: { authority: code[0], category: code[1], divisionCode: code.slice(2, 8) } };
}

/** Builds a valid code (used by the synthetic data generator): authority and category, division, 9-character body. */
export function makeCreditCode(authorityAndCategory: string, divisionCode: string, body: string): string {
  const first17 = `${authorityAndCategory}${divisionCode}${body}`;
  return first17 + creditCodeCheckChar(first17);
}
