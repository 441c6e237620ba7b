/**
 * City component classes (城市部件分类) of the national standard for digital urban management, GB/T 30428.2
 * (数字化城市管理信息系统 第2部分：管理部件和事件): a 2-digit major class (大类) and a 2-digit minor class (小类), written
 * together as the 4-digit class code (e.g. 0101). PARTIAL: only the components a grid worker commonly registers; the
 * minor-class codes are NOT yet checked against the published standard (docs/grid.md#facilities) — check them before
 * exchanging codes with another system; add a row here to accept another class.
 */
export const MAJOR_CLASSES: Record<string, string> = {
  '01': '公用设施',
  '02': '道路交通',
  '03': '市容环境',
  '04': '园林绿化',
  '05': '房屋土地',
  '06': '其他设施',
};

export interface FacilityClassRow {
  code: string;
  name: string;
}

export const FACILITY_CLASSES: readonly FacilityClassRow[] = [
  { code: '0101', name: '上水井盖' },
  { code: '0102', name: '污水井盖' },
  { code: '0103', name: '雨水井盖' },
  { code: '0104', name: '雨水箅子' },
  { code: '0105', name: '电力井盖' },
  { code: '0111', name: '燃气井盖' },
  { code: '0117', name: '消防栓' },
  { code: '0124', name: '监控电子眼' },
  { code: '0131', name: '路灯' },
  { code: '0209', name: '交通标志牌' },
  { code: '0301', name: '公共厕所' },
  { code: '0304', name: '垃圾箱' },
  { code: '0601', name: '消防通道' },
];

const BY_CODE = new Map(FACILITY_CLASSES.map((c) => [c.code, c]));

/** The class of a code, or undefined when the declared table has no such class. */
export const facilityClass = (code: string): FacilityClassRow | undefined => BY_CODE.get(code);

export const majorOf = (code: string) => ({ code: code.slice(0, 2), name: MAJOR_CLASSES[code.slice(0, 2)] });
