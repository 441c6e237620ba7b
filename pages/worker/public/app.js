// The grid worker's page: sign in, the grid served and who visits, today's round per building, the visit form, the
// forms not yet delivered, and reporting an event.
import { attemptSignIn, claims, developmentLogin, developmentMode, signIn, signOut } from '/pages/session.js';
import { data, newKey } from './operations.js';
import { pending } from './outbox.js';
import { addFact, CATEGORIES, openForm, options, sendAndShow, visitInput } from './visit.js';

const $ = (id) => document.getElementById(id);
const GRID_KEY = 'worker-grid';
const STAFF_KEY = 'worker-staff';
const WORKER_ROLES = ['FULL_TIME_WORKER', 'PART_TIME_WORKER', 'GRID_LEADER', 'BUILDING_LEADER'];
const ROLE_NAMES = {
  FULL_TIME_WORKER: '专职网格员',
  PART_TIME_WORKER: '兼职网格员',
  GRID_LEADER: '网格长',
  BUILDING_LEADER: '楼栋长',
};

let development = false;
let grid = null;
let after = null;
let reportEntry = null;

async function start() {
  development = await developmentMode();
  $('dev-login').hidden = !development;
  $('use-token').onclick = () => attemptSignIn(() => signIn($('token').value), show);
  $('dev-sign-in').onclick = () => attemptSignIn(() => developmentLogin('GRID', 'GRID_WORKER'), show);
  $('sign-out').onclick = () => {
    signOut();
    localStorage.removeItem(GRID_KEY);
    show();
  };
  $('use-grid').onclick = useGrid;
  $('staff').onchange = () => localStorage.setItem(STAFF_KEY, $('staff').value);
  $('tab-round').onclick = () => tab('round');
  $('tab-report').onclick = () => tab('report');
  $('more-buildings').onclick = () => loadBuildings();
  $('round-day').onchange = () => showRound();
  $('add-fact').onclick = addFact;
  $('close-visit').onclick = () => showRound();
  $('rental-choice').onchange = () => ($('rental-found').hidden = $('rental-choice').value !== 'new');
  $('visit-form').onsubmit = submitVisit;
  $('report-form').onsubmit = submitReport;
  $('report-form').oninput = () => (reportEntry = null);
  for (const select of document.querySelectorAll('select.categories')) options(select, CATEGORIES);
  await show();
}

/** The grid the token is for, when its scope is one grid or micro-grid; else the one chosen on this phone. */
async function show() {
  const who = claims();
  for (const id of ['sign-in', 'pick-grid', 'app']) $(id).hidden = true;
  $('sign-out').hidden = !who;
  $('who').textContent = who ? who.name : '';
  if (!who) {
    $('sign-in').hidden = false;
    return;
  }
  const only = who.scope.length === 1 ? (await data('worker-grid', { grid: who.scope[0] })).region : null;
  if (only && (only.level === 'GRID' || only.level === 'MICRO_GRID')) return showGrid(only);
  const chosen = localStorage.getItem(GRID_KEY);
  if (chosen) return showGrid((await data('worker-grid', { grid: chosen })).region);
  await pickGrid(who.scope);
}

async function pickGrid(scope) {
  $('pick-grid').hidden = false;
  const grids = [];
  for (const parentId of scope) {
    let cursor = null;
    do {
      const { regions } = await data('worker-grids', { parentId, after: cursor });
      grids.push(...regions.nodes);
      cursor = regions.pageInfo.hasNextPage ? regions.pageInfo.endCursor : null;
    } while (cursor);
  }
  options(
    $('grid-choice'),
    grids.map((g) => [g.id, `${g.parent?.name ?? ''} ${g.name}`]),
  );
}

async function useGrid() {
  const id = $('grid-choice').value;
  $('pick-error').textContent = '';
  try {
    // in development the token is narrowed to the grid, as a grid worker's token is; otherwise the choice is kept
    if (development) await developmentLogin('GRID', 'GRID_WORKER', id);
    else localStorage.setItem(GRID_KEY, id);
    await show();
  } catch (error) {
    $('pick-error').textContent = error.message;
  }
}

function showGrid(region) {
  grid = region;
  $('app').hidden = false;
  $('grid-name').textContent = region.name;
  const staff = [...region.staff, ...region.children.flatMap((c) => c.staff)].filter(
    (s, i, all) => WORKER_ROLES.includes(s.role) && all.findIndex((t) => t.id === s.id) === i,
  );
  staff.sort((a, b) => WORKER_ROLES.indexOf(a.role) - WORKER_ROLES.indexOf(b.role));
  options(
    $('staff'),
    staff.map((s) => [s.id, `${s.name}（${ROLE_NAMES[s.role]}）`]),
  );
  const kept = localStorage.getItem(STAFF_KEY);
  if (staff.some((s) => s.id === kept)) $('staff').value = kept;
  showRound();
}

function tab(which) {
  $('tab-round').classList.toggle('on', which === 'round');
  $('tab-report').classList.toggle('on', which === 'report');
  $('report').hidden = which !== 'report';
  $('round').hidden = which !== 'round';
  $('visit').hidden = true;
  $('outbox').hidden = which !== 'round' || !pending().length;
}

/** Today's round from the first page of buildings; the forms not yet delivered above it. */
function showRound() {
  tab('round');
  showOutbox();
  $('buildings').replaceChildren();
  delete $('buildings').dataset.day;
  after = null;
  loadBuildings();
}

function showOutbox() {
  const entries = pending();
  $('outbox').hidden = !entries.length;
  $('outbox-list').replaceChildren(
    ...entries.map((entry) => {
      const li = document.createElement('li');
      const label = document.createElement('span');
      label.textContent = entry.label;
      const where = document.createElement('div');
      const again = document.createElement('button');
      again.type = 'button';
      again.className = 'resend';
      again.textContent = '重新发送';
      again.onclick = () => sendAndShow(entry, where);
      li.append(label, again, where);
      return li;
    }),
  );
}

async function loadBuildings() {
  $('error').textContent = '';
  try {
    // the day of the round: its month's households not yet visited, and who is due on it (default today)
    const day = $('round-day').value || undefined;
    const { region } = await data('worker-round', { grid: grid.id, month: day?.slice(0, 7), after });
    const page = region.buildings;
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    $('more-buildings').hidden = !after;
    const dues = await Promise.all(page.nodes.map((b) => data('worker-due', { building: b.id, asOf: day })));
    $('buildings').append(...page.nodes.map((b, i) => buildingCard(b, dues[i].residentsDueForReverification)));
    $('buildings').dataset.day = day ?? 'today';
    const select = $('report-building');
    for (const b of page.nodes)
      select.append(Object.assign(document.createElement('option'), { value: b.id, textContent: b.address }));
  } catch (error) {
    $('error').textContent = error.message;
  }
}

function buildingCard(building, due) {
  const card = document.createElement('article');
  card.className = 'building';
  card.dataset.buildingId = building.id;
  const title = document.createElement('h3');
  title.textContent = building.address;
  const households = document.createElement('ul');
  households.className = 'households';
  for (const h of building.householdsNotVisited ?? []) {
    const li = document.createElement('li');
    const open = document.createElement('button');
    open.type = 'button';
    open.dataset.householdId = h.id;
    open.textContent = `${h.room} ${h.head?.name ?? ''}`;
    open.onclick = () => visit(h.id);
    li.append(open);
    households.append(li);
  }
  const dueList = document.createElement('ul');
  dueList.className = 'due';
  for (const r of due.nodes) {
    const li = document.createElement('li');
    li.dataset.residentId = r.id;
    li.textContent = `${r.household?.room ?? ''} ${r.name} · 上次核实 ${r.lastVerifiedAt.slice(0, 10)}`;
    if (r.household) li.onclick = () => visit(r.household.id);
    dueList.append(li);
  }
  const counts = document.createElement('p');
  counts.className = 'counts';
  counts.textContent = `未走访 ${building.householdsNotVisited?.length ?? 0} 户 · 待核实 ${due.totalCount} 人`;
  card.append(title, counts, households, dueList);
  return card;
}

async function visit(householdId) {
  $('error').textContent = '';
  try {
    const { household } = await data('worker-household', { id: householdId });
    openForm(household);
    $('round').hidden = true;
    $('outbox').hidden = true;
    $('visit').hidden = false;
    window.scrollTo(0, 0);
  } catch (error) {
    $('error').textContent = error.message;
  }
}

async function submitVisit(event) {
  event.preventDefault();
  const entry = visitInput($('visit-form'), $('staff').value);
  $('submit-visit').disabled = true;
  try {
    await sendAndShow(entry, $('answer'), (outcome) => {
      if (!outcome.refused) $('visit-form').hidden = true;
    });
  } finally {
    $('submit-visit').disabled = false;
  }
}

async function submitReport(event) {
  event.preventDefault();
  const form = $('report-form');
  // the same key while the form is unchanged: sending again after a lost answer reports once
  reportEntry ??= {
    operation: 'report-event',
    input: {
      idempotencyKey: newKey(),
      buildingId: form.elements.buildingId.value,
      category: form.elements.category.value,
      title: form.elements.title.value.trim(),
      description: form.elements.description.value.trim(),
    },
    label: `上报事件：${form.elements.title.value.trim()}`,
  };
  await sendAndShow(reportEntry, $('report-answer'), (outcome) => {
    if (outcome.result) {
      form.reset();
      reportEntry = null;
    }
  });
}

start();
