// What the dashboard shows of regionStats: one column per declared figure (queries/region-figures.json), Chinese label
// with the English in a tooltip; the table, the cards and the CSV export are made from the same columns.

/** A file served beside this page, fetched once (and again after a failure). */
function servedOnce(file, read) {
  let loading;
  return () => {
    loading ??= fetch(new URL(file, import.meta.url)).then((r) =>
      r.ok ? read(r) : Promise.reject(new Error(`the dashboard's ${file} could not be loaded (HTTP ${r.status})`)),
    );
    return loading.catch((error) => {
      loading = undefined;
      throw error;
    });
  };
}

/** The regionStats query: queries/region-stats.graphql, the one file tests/region-stats.test.ts asks too, served beside this page. */
export const loadStatsQuery = servedOnce('region-stats.graphql', (r) => r.text());
const loadDeclared = servedOnce('region-figures.json', (r) => r.json());

/** A child's name without its parent's in front (建外第1社区第1网格 → 第1网格), so axes, rows and the tree stay readable. */
export const shortName = (name, parent) =>
  parent && name.startsWith(parent) && name.length > parent.length ? name.slice(parent.length) : name;

export const LEVELS = {
  DISTRICT: ['区', 'District'],
  STREET: ['街道', 'Street'],
  COMMUNITY: ['社区', 'Community'],
  GRID: ['网格', 'Grid'],
  MICRO_GRID: ['微网格', 'Micro-grid'],
};

const ABSENT = { value: null, suppressed: false };
/** a figure: its value, or null and whether it was withheld as a small cell */
function cell(section, key) {
  if (!section) return ABSENT;
  return { value: section[key], suppressed: section.suppressed?.includes(key) ?? false };
}

/** numerator ÷ denominator in per cent, to one decimal; withheld when either count is */
function ratio(f, [numerator, denominator]) {
  const [n, d] = [byKey(numerator).get(f), byKey(denominator).get(f)];
  if (n.suppressed || d.suppressed) return { value: null, suppressed: true };
  if (n.value == null || !d.value) return ABSENT;
  return { value: Math.round((n.value / d.value) * 1000) / 10, suppressed: false };
}

/** Where a declared figure is in a regionStats figures row (its section's path, the row of a per-program section). */
function getter(column) {
  if (column.ratio) return (f) => ratio(f, column.ratio);
  return (f) => {
    let section = column.path.reduce((s, step) => s?.[step], f);
    if (column.row) section = section?.find((r) => r[column.row.key] === column.row.value);
    return cell(section, column.figure);
  };
}

/**
 * Every figure the page shows, in the departments' order: queries/region-figures.json, which `npm run compose` writes
 * from the figures the departments declare (docs/adding-a-figure.md). Filled by loadFigures().
 */
export const COLUMNS = [];
/** the table on the page (the CSV has every column) */
export const TABLE_COLUMNS = [];
/** the headline cards */
export const CARD_COLUMNS = [];
const byKey = (key) => COLUMNS.find((c) => c.key === key);

/** Loads the declared figures (served beside the query) into the column lists. */
export async function loadFigures() {
  const declared = await loadDeclared();
  if (COLUMNS.length) return;
  COLUMNS.push(...declared.map((c) => ({ ...c, get: getter(c) })));
  TABLE_COLUMNS.push(...COLUMNS.filter((c) => c.show !== 'csv'));
  CARD_COLUMNS.push(...COLUMNS.filter((c) => c.show === 'card'));
}

export const SUPPRESSED = {
  zh: '抑制',
  en: 'Withheld: a small cell (fewer than k people), or one that would give a withheld cell away',
};

export function display(c, column) {
  if (c.suppressed) return SUPPRESSED.zh;
  if (c.value === null || c.value === undefined) return '—';
  if (column.unit === 'percent') return `${c.value}%`;
  return column.unit === 'yuan'
    ? Number(c.value).toLocaleString('zh-CN', { maximumFractionDigits: 0 })
    : Number(c.value).toLocaleString('zh-CN');
}

/** The table as CSV: one row per region (the region itself first), a withheld or absent figure as an empty cell. */
export function toCsv(figures) {
  const quote = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const header = ['区域编号 (regionId)', '区域 (name)', '层级 (level)', ...COLUMNS.map((c) => `${c.zh} (${c.key})`)];
  const rows = figures.map((f) => [
    f.regionId,
    f.region.name,
    f.region.level,
    ...COLUMNS.map((c) => {
      const v = c.get(f).value;
      return v === null || v === undefined ? '' : String(v);
    }),
  ]);
  // the byte-order mark makes spreadsheet programs read the Chinese as UTF-8
  return `\ufeff${[header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}
