// The assessment panel (考核): per department and per grid of the region shown, this month up to the day shown —
// the three rates of 接诉即办 (响应率, 解决率, 满意率) beside on-time closure and supervision. Definitions: each
// figure's description in the schema (AssessmentFigures) and docs/grid.md.
import { graphql } from '/pages/graphql.js';

const $ = (id) => document.getElementById(id);
let query;

const COLUMNS = [
  ['received', '受理数', 'Received'],
  ['responseRate', '响应率', 'Response rate: taken in within the time limit ÷ received'],
  ['resolutionRate', '解决率', 'Resolution rate: closed ÷ received'],
  ['onTimeClosureRate', '按时结案率', 'On-time closure: closed with no late step ÷ received'],
  ['satisfactionRate', '满意率', 'Satisfaction: satisfied or basically satisfied ÷ followed up'],
  ['followedUp', '回访数', 'Followed up'],
  ['supervised', '督办数', 'Supervised'],
];

const percent = (rate) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`);

/** Beijing's month of `asOf` (YYYY-MM-DD) up to the end of that day, as instants. */
function period(asOf) {
  const [y, m] = asOf.split('-');
  const from = new Date(`${y}-${m}-01T00:00:00+08:00`);
  const to = new Date(new Date(`${asOf}T00:00:00+08:00`).getTime() + 86_400_000);
  return { from: from.toISOString(), to: to.toISOString() };
}

function table(rows) {
  const t = document.createElement('table');
  const head = t.createTHead().insertRow();
  for (const [zh, en] of [['名称', 'Name'], ...COLUMNS.map(([, zh, en]) => [zh, en])]) {
    const th = document.createElement('th');
    th.textContent = zh;
    th.title = en;
    head.append(th);
  }
  const body = t.createTBody();
  for (const r of rows.filter((r) => r.received > 0)) {
    const row = body.insertRow();
    row.insertCell().textContent = r.name;
    for (const [key] of COLUMNS) row.insertCell().textContent = key.endsWith('Rate') ? percent(r[key]) : String(r[key]);
  }
  return t;
}

/** Draws the panel for `regionId` over the month of `asOf`; an error is shown in the panel, not thrown. */
export async function showAssessment(regionId, asOf) {
  const panel = $('assessment');
  try {
    query ??= await fetch(new URL('assessment.graphql', import.meta.url)).then((r) =>
      r.ok ? r.text() : Promise.reject(new Error(`the assessment query could not be loaded (HTTP ${r.status})`)),
    );
    const answer = await graphql(query, { regionId, ...period(asOf) });
    if (!answer.data) throw new Error(answer.errors?.map((e) => e.message).join('; ') ?? 'no figures');
    $('assessment-period').textContent = `${asOf.slice(0, 7)} 月初至 ${asOf}`;
    $('assessment-departments').replaceChildren(table(answer.data.byDepartment));
    $('assessment-grids').replaceChildren(table(answer.data.byGrid));
    $('assessment-error').textContent = '';
  } catch (error) {
    query = undefined;
    $('assessment-error').textContent = `考核数据不可用 (assessment unavailable): ${error.message}`;
  }
  panel.hidden = false;
}
