// What the dashboard shows of regionStats: one column per figure, Chinese label with the English in a tooltip; the
// table and the CSV export are made from the same columns.

let statsQuery;
/** The regionStats query: queries/region-stats.graphql, the one file tests/region-stats.test.ts asks too, served beside this page. */
export function loadStatsQuery() {
  statsQuery ??= fetch(new URL('region-stats.graphql', import.meta.url)).then((r) =>
    r.ok ? r.text() : Promise.reject(new Error(`the dashboard's query could not be loaded (HTTP ${r.status})`)),
  );
  return statsQuery.catch((error) => {
    statsQuery = undefined;
    throw error;
  });
}

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

const population = (key) => (f) => cell(f.population, key);
const program = (name, figure) => (f) =>
  cell(
    f.civilAffairs?.assistance.find((p) => p.program === name),
    figure,
  );
const grid = (key) => (f) => (f.grid ? { value: f.grid[key], suppressed: false } : ABSENT);
const welfare = (key) => (f) => cell(f.civilAffairs?.welfare, key);
const work = (key) => (f) => cell(f.gridWork, key);
const police = (key) => (f) => cell(f.publicSecurity, key);
/** households visited this month (grid) ÷ households (population), in per cent; withheld when either count is */
const coverage = (f) => {
  const [visited, households] = [work('visitedHouseholds')(f), population('households')(f)];
  if (visited.suppressed || households.suppressed) return { value: null, suppressed: true };
  if (visited.value == null || !households.value) return ABSENT;
  return { value: Math.round((visited.value / households.value) * 1000) / 10, suppressed: false };
};

const ABSENT = { value: null, suppressed: false };
/** a figure: its value, or null and whether it was withheld as a small cell */
function cell(section, key) {
  if (!section) return ABSENT;
  return { value: section[key], suppressed: section.suppressed?.includes(key) ?? false };
}

export const COLUMNS = [
  { key: 'residents', zh: '实有人口', en: 'Residents', get: population('residents') },
  { key: 'registered', zh: '户籍人口', en: 'Registered residents', get: population('registered') },
  { key: 'floating', zh: '流动人口', en: 'Floating residents', get: population('floating') },
  { key: 'overseas', zh: '境外人员', en: 'Overseas residents', get: population('overseas') },
  { key: 'under18', zh: '未成年人', en: 'Aged under 18', get: population('under18') },
  { key: 'age18to59', zh: '18–59岁', en: 'Aged 18 to 59', get: population('age18to59') },
  { key: 'age60to79', zh: '60–79岁', en: 'Aged 60 to 79', get: population('age60to79') },
  { key: 'age80plus', zh: '80岁及以上', en: 'Aged 80 and over', get: population('age80plus') },
  {
    key: 'livingAlone80plus',
    zh: '80岁以上独居',
    en: 'Aged 80 and over, living alone',
    get: population('livingAlone80plus'),
  },
  { key: 'households', zh: '户数', en: 'Households', get: population('households') },
  {
    key: 'minimumLivingCases',
    zh: '低保对象',
    en: 'Minimum living allowance (低保): cases in payment',
    get: program('MINIMUM_LIVING', 'cases'),
  },
  {
    key: 'minimumLivingAmount',
    zh: '低保月金额',
    en: 'Minimum living allowance: yuan per month',
    get: program('MINIMUM_LIVING', 'monthlyAmountYuan'),
    money: true,
  },
  {
    key: 'extremePovertyCases',
    zh: '特困对象',
    en: 'Extreme-poverty support (特困): cases in payment',
    get: program('EXTREME_POVERTY', 'cases'),
  },
  {
    key: 'extremePovertyAmount',
    zh: '特困月金额',
    en: 'Extreme-poverty support: yuan per month',
    get: program('EXTREME_POVERTY', 'monthlyAmountYuan'),
    money: true,
    csvOnly: true,
  },
  {
    key: 'temporaryCases',
    zh: '临时救助',
    en: 'Temporary assistance (临时救助): grants in the last 12 months',
    get: program('TEMPORARY', 'cases'),
  },
  {
    key: 'majorIllnessCases',
    zh: '大病救助',
    en: 'Major-illness assistance (大病救助): grants in the last 12 months',
    get: program('MAJOR_ILLNESS', 'cases'),
  },
  { key: 'grids', zh: '网格数', en: 'Grids', get: grid('grids'), csvOnly: true },
  { key: 'buildings', zh: '入格楼栋', en: 'Buildings assigned to micro-grids', get: grid('buildings'), csvOnly: true },
  { key: 'staff', zh: '网格力量', en: 'Grid staff', get: grid('staff') },
  {
    key: 'visitedHouseholds',
    zh: '本月走访户数',
    en: 'Households visited this month (up to the day)',
    get: work('visitedHouseholds'),
    csvOnly: true,
  },
  {
    key: 'visitCoverage',
    zh: '走访覆盖率',
    en: 'Visit coverage this month: households visited ÷ households (%)',
    get: coverage,
    percent: true,
  },
  { key: 'openEvents', zh: '未结事件', en: 'Open events (reported, not closed or rejected)', get: work('openEvents') },
  {
    key: 'overdueEvents',
    zh: '超期事件',
    en: 'Open events past the time limit of their step',
    get: work('overdueEvents'),
  },
  {
    key: 'permitHolders',
    zh: '持居住证',
    en: 'Floating residents holding a valid residence permit (居住证)',
    get: police('permitHolders'),
  },
  {
    key: 'permitsExpiring',
    zh: '居住证30天到期',
    en: 'Residence permits expiring within 30 days',
    get: police('permitsExpiring'),
    csvOnly: true,
  },
  { key: 'rentals', zh: '出租房屋', en: 'Rental housing registered', get: police('rentals'), csvOnly: true },
  {
    key: 'rentalsNeedingAttention',
    zh: '出租房需关注',
    en: 'Rentals needing attention: a tenant not registered, or the safety inspection overdue',
    get: police('rentalsNeedingAttention'),
  },
  { key: 'incidents', zh: '本月警情', en: 'Incidents this month (up to the day)', get: police('incidents') },
  {
    key: 'disabilityCertificates',
    zh: '持证残疾人',
    en: 'Disability certificate holders (残疾人证)',
    get: welfare('disabilityCertificates'),
  },
  ...[1, 2, 3, 4].map((g) => ({
    key: `disabilityGrade${g}`,
    zh: `残疾${'一二三四'[g - 1]}级`,
    en: `Disability certificate holders, grade ${g}`,
    get: welfare(`disabilityGrade${g}`),
    csvOnly: true,
  })),
  {
    key: 'elderlyAllowance',
    zh: '高龄津贴',
    en: 'Elderly allowance (高龄津贴) recipients',
    get: welfare('elderlyAllowance'),
  },
  {
    key: 'specialCare',
    zh: '优抚对象',
    en: 'Special care (优抚) recipients: veterans, disabled soldiers, families of martyrs and servicemen',
    get: welfare('specialCare'),
  },
];

/** the table on the page (the CSV has every column) */
export const TABLE_COLUMNS = COLUMNS.filter((c) => !c.csvOnly);

export const SUPPRESSED = {
  zh: '抑制',
  en: 'Withheld: a small cell (fewer than k people), or one that would give a withheld cell away',
};

export function display(c, column) {
  if (c.suppressed) return SUPPRESSED.zh;
  if (c.value === null || c.value === undefined) return '—';
  if (column.percent) return `${c.value}%`;
  return column.money
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
