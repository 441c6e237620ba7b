// The dashboard: sign in, pick a region on the tree, see its figures and each child region's, drill down, export CSV.
import { graphql } from '/pages/graphql.js';
import { attemptSignIn, claims, developmentLogin, developmentMode, signIn, signOut } from '/pages/session.js';
import { showAssessment } from './assessment.js';
import { drawCharts } from './charts.js';
import {
  CARD_COLUMNS,
  display,
  LEVELS,
  loadFigures,
  loadStatsQuery,
  shortName,
  SUPPRESSED,
  TABLE_COLUMNS,
  toCsv,
} from './figures.js';
import { renderTree, scopeRegions, select } from './tree.js';

const $ = (id) => document.getElementById(id);
let current = null;

async function start() {
  $('dev-login').hidden = !(await developmentMode());
  $('use-token').onclick = () => attemptSignIn(() => signIn($('token').value), show);
  $('dev-sign-in').onclick = () => attemptSignIn(() => developmentLogin(...$('dev-role').value.split(':')), show);
  $('sign-out').onclick = () => {
    signOut();
    location.hash = '';
    show();
  };
  $('as-of').onchange = () => current && showRegion(current.regionId);
  $('export-csv').onclick = exportCsv;
  window.addEventListener('hashchange', () => claims() && showRegion(location.hash.slice(1)));
  await show();
}

async function show() {
  const who = claims();
  $('sign-in').hidden = !!who;
  $('app').hidden = !who;
  $('sign-out').hidden = !who;
  $('who').textContent = who ? `${who.name} · ${who.department}/${who.role}` : '';
  if (!who) return;
  const roots = await scopeRegions(who.scope);
  renderTree($('tree'), roots, (id) => (location.hash = id));
  const start = location.hash.slice(1) || roots[0]?.id;
  if (start) await showRegion(start);
}

async function showRegion(regionId) {
  $('error').textContent = '';
  const asOf = $('as-of').value || undefined;
  const answer = await Promise.all([loadStatsQuery(), loadFigures()])
    .then(([query]) => graphql(query, { regionId, asOf }))
    .catch((error) => ({ errors: [error] }));
  const stats = answer.data?.regionStats;
  if (!stats) {
    $('error').textContent = answer.errors?.map((e) => e.message).join('; ') ?? 'no figures';
    return;
  }
  if (answer.errors?.length)
    $('error').textContent =
      `部分数据不可用 (some figures are unavailable): ${answer.errors.map((e) => e.message).join('; ')}`;
  const [own, ...children] = stats.figures;
  const region = stats.region;
  $('region-title').textContent = region.name;
  $('region-title').title = `${LEVELS[region.level][1]} ${region.code}`;
  $('region-meta').textContent =
    `${LEVELS[region.level][0]} · 区划代码 ${region.code} · 统计日期 ${stats.asOf} · 下级区域 ${children.length} 个`;
  $('as-of').value = stats.asOf;
  renderCrumbs([...region.ancestors, region]);
  renderKpis(own);
  drawCharts(own, children);
  renderTable(own, children);
  current = { regionId, figures: stats.figures, name: region.name, asOf: stats.asOf };
  await showAssessment(regionId, stats.asOf);
  await select($('tree'), [...region.ancestors.map((a) => a.id), region.id], (id) => (location.hash = id));
}

function renderCrumbs(path) {
  $('crumbs').replaceChildren(
    ...path.flatMap((r, i) => {
      const link = document.createElement('a');
      link.textContent = r.name;
      link.title = LEVELS[r.level][1];
      link.onclick = () => (location.hash = r.id);
      if (i === 0) return [link];
      const sep = document.createElement('span');
      sep.className = 'sep';
      sep.textContent = '›';
      return [sep, link];
    }),
  );
}

function renderKpis(own) {
  $('kpis').replaceChildren(
    ...CARD_COLUMNS.map((column) => {
      const card = document.createElement('div');
      card.className = 'kpi';
      card.title = column.en;
      card.innerHTML = `<div class="label"></div><div class="value"></div>`;
      card.querySelector('.label').textContent = column.zh;
      card.querySelector('.value').textContent = display(column.get(own), column);
      return card;
    }),
  );
}

function renderTable(own, children) {
  const head = document.createElement('thead');
  const headRow = head.insertRow();
  for (const [zh, en] of [['区域', 'Region'], ...TABLE_COLUMNS.map((c) => [c.zh, c.en])]) {
    const th = document.createElement('th');
    th.textContent = zh;
    th.title = en;
    headRow.append(th);
  }
  const body = document.createElement('tbody');
  for (const f of [own, ...children]) {
    const row = body.insertRow();
    row.dataset.regionId = f.regionId;
    const isOwn = f === own;
    if (isOwn) row.className = 'own';
    row.insertCell().textContent = isOwn ? `${f.region.name}（合计）` : shortName(f.region.name, own.region.name);
    row.cells[0].title = isOwn ? `${f.region.name}: the region itself (total)` : f.region.name;
    for (const column of TABLE_COLUMNS) {
      const c = column.get(f);
      const td = row.insertCell();
      td.textContent = display(c, column);
      if (c.suppressed) {
        td.className = 'suppressed';
        td.title = SUPPRESSED.en;
      }
    }
    if (!isOwn) row.onclick = () => (location.hash = f.regionId);
  }
  $('children').replaceChildren(head, body);
}

function exportCsv() {
  if (!current?.figures) return;
  const blob = new Blob([toCsv(current.figures)], { type: 'text/csv;charset=utf-8' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `区域统计-${current.name}-${current.asOf}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

start();
