// "谁查看了我的信息": the access report (myAccessReport) for a month, one department or all, a page at a time (更多).
import { beijing, departmentName, ROLES } from './labels.js';

const PAGE = 20;
const $ = (id) => document.getElementById(id);
let after = null;

/** The last 12 months in Beijing time, newest first, as YYYY-MM. */
export function months(now = new Date()) {
  const here = new Date(now.getTime() + 8 * 3600_000);
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(here.getUTCFullYear(), here.getUTCMonth() - i, 1));
    return d.toISOString().slice(0, 7);
  });
}

/** A Beijing month (YYYY-MM) as the instants it runs from and to. */
function period(month) {
  const [y, m] = month.split('-').map(Number);
  const start = (year, index) => new Date(Date.UTC(year, index, 1) - 8 * 3600_000).toISOString();
  return { from: start(y, m - 1), to: start(y, m) };
}

function entry(node) {
  const li = document.createElement('li');
  li.className = 'entry';
  li.dataset.id = node.id;
  li.dataset.actorDepartment = node.actorDepartment;
  li.dataset.recordsOf = node.recordsOf;
  li.dataset.kind = node.kind;
  if (node.purpose) li.dataset.purpose = node.purpose;
  const head = document.createElement('div');
  head.className = 'head';
  const did = node.kind === 'WRITE' ? '更改了' : '查看了';
  head.textContent = `${beijing(node.at)} ${departmentName(node.actorDepartment)}${did}${node.what.record}`;
  const sub = (text) => Object.assign(document.createElement('div'), { className: 'sub', textContent: text });
  li.append(
    head,
    sub(`内容：${node.what.fields.join('、') || '—'}`),
    sub(`目的：${node.purpose || '未说明'}`),
    sub(`岗位：${ROLES[node.actorRole] ?? node.actorRole} · 单位：${node.actorUnits.join('、') || '—'}`),
    sub(`记录所属：${departmentName(node.recordsOf)}`),
  );
  return li;
}

/**
 * The report from its start (`fromStart`) or its next page, with `ask` (the page's operations). A department that could
 * not answer is named; the entries that came are shown.
 */
export async function showReport(ask, fromStart) {
  if (fromStart) {
    after = null;
    $('report-list').replaceChildren();
  }
  const department = $('report-department').value || undefined;
  const answer = await ask('my-access-report', { ...period($('report-month').value), department, first: PAGE, after });
  const unavailable = (answer.errors ?? []).filter((e) => e.extensions?.code === 'DEPARTMENT_UNAVAILABLE');
  const other = (answer.errors ?? []).filter((e) => e.extensions?.code !== 'DEPARTMENT_UNAVAILABLE');
  const report = answer.data?.myAccessReport;
  if (!report || other.length) throw new Error((other.length ? other : answer.errors).map((e) => e.message).join('; '));
  $('report-unavailable').hidden = !unavailable.length;
  $('report-unavailable').textContent = unavailable.length
    ? `某部门暂时无法查询：${unavailable.map((e) => departmentName(e.extensions.department)).join('、')}（以下为其他部门的记录）`
    : '';
  $('report-list').append(...report.edges.map((e) => entry(e.node)));
  $('report-total').textContent = `共 ${report.totalCount} 条记录`;
  after = report.pageInfo.hasNextPage ? report.pageInfo.endCursor : null;
  $('report-more').hidden = !after;
  $('report-list').dataset.shown = String($('report-list').children.length);
}
