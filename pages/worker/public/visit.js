// The visit form of one household: the visit itself and what was collected for each department, sent as one
// recordVisit with one idempotency key; the collected sections go only when filled.
import { deliver } from './outbox.js';
import { newKey } from './operations.js';

const $ = (id) => document.getElementById(id);

export const CATEGORIES = [
  ['SAFETY_HAZARD', '安全隐患'],
  ['DISPUTE', '矛盾纠纷'],
  ['ENVIRONMENT', '环境卫生'],
  ['PUBLIC_OPINION', '社情民意'],
  ['SERVICE_REQUEST', '民生服务'],
  ['PROPERTY', '物业管理'],
  ['PUBLIC_ORDER', '治安防控'],
];

/** The values a fact may take (the rules table in the README says which may be collected and how). */
const FACT_VALUES = {
  employmentStatus: [
    ['EMPLOYED', '在业'],
    ['UNEMPLOYED', '失业'],
    ['RETIRED', '离退休'],
    ['STUDENT', '在校学生'],
    ['OTHER', '其他'],
  ],
  livingArrangement: [
    ['ALONE', '独居'],
    ['EMPTY_NEST', '空巢'],
    ['WITH_FAMILY', '与家人同住'],
  ],
  selfCareAbility: [
    ['FULL', '完全自理'],
    ['PARTIAL', '部分自理'],
    ['NONE', '不能自理'],
  ],
  healthInsurance: [
    ['true', '已参保'],
    ['false', '未参保'],
  ],
  pensionInsurance: [
    ['true', '已参保'],
    ['false', '未参保'],
  ],
  unemploymentInsurance: [
    ['true', '已参保'],
    ['false', '未参保'],
  ],
};

const DEPARTMENTS = { POPULATION: '人口', PUBLIC_SECURITY: '公安', CIVIL_AFFAIRS: '民政', GRID: '网格' };
const STATUSES = { REPORTED: '已上报，待受理', REGISTERED: '已立案', REJECTED: '不予立案' };
const OUTCOMES = {
  APPLIED: '已更新',
  PENDING_VERIFICATION: '待核实',
  REFUSED: '未采纳',
  NOT_DELIVERED: '未送达',
};

export function options(select, pairs, blank) {
  select.replaceChildren(
    ...[...(blank ? [['', blank]] : []), ...pairs].map(([value, text]) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = text;
      return option;
    }),
  );
}

let household = null;

/** Shows the form for a household (as WorkerHousehold answers it), emptied. */
export function openForm(h) {
  household = h;
  const form = $('visit-form');
  form.reset();
  form.hidden = false;
  $('answer').hidden = true;
  $('facts').replaceChildren();
  $('visit-title').textContent = `${h.building.address} ${h.room}`;
  const members = h.members.map((m) => [m.id, `${m.name}（${m.age}岁）`]);
  for (const select of form.querySelectorAll('select.members')) options(select, members, '—');
  $('member-ids').replaceChildren(
    ...h.members.map((m) => Object.assign(document.createElement('option'), { value: m.id, label: m.name })),
  );
  options(
    $('rental-choice'),
    [...h.building.rentals.map((r) => [r.id, `已登记出租房 ${r.room}`]), ['new', '发现未登记的出租房']],
    '无',
  );
  form.elements['rental.room'].value = h.room;
  $('rental-found').hidden = true;
}

/** Adds a fact-change row: member, field, and a value control that fits the field. */
export function addFact() {
  const row = $('fact-row').content.firstElementChild.cloneNode(true);
  const members = household.members.map((m) => [m.id, m.name]);
  options(row.querySelector('.members'), members);
  const field = row.querySelector('[data-name="field"]');
  const value = row.querySelector('.value');
  const fitValue = () => {
    const choices = FACT_VALUES[field.value];
    const control = document.createElement(choices ? 'select' : 'input');
    if (choices) options(control, choices);
    else control.type = 'tel';
    control.dataset.name = 'value';
    value.replaceChildren(control);
  };
  field.onchange = fitValue;
  fitValue();
  row.querySelector('.remove').onclick = () => row.remove();
  $('facts').append(row);
}

const filled = (object) => Object.values(object).some((v) => v !== undefined);
const text = (form, name) => form.elements[name].value.trim() || undefined;

/** The form as RecordVisitInput, under a new key; `collected` only with what was filled. */
export function visitInput(form, staffId) {
  const input = {
    idempotencyKey: newKey(),
    householdId: household.id,
    staffId,
    kind: form.elements.kind.value,
    findings: form.elements.findings.value.trim(),
    followUpNeeded: form.elements.followUpNeeded.checked,
  };
  if (text(form, 'event.title'))
    input.raiseEvent = {
      category: form.elements['event.category'].value,
      title: text(form, 'event.title'),
      description: text(form, 'event.description') ?? text(form, 'event.title'),
    };
  const population = {
    facts: [...$('facts').children]
      .map((row) => ({
        residentId: row.querySelector('[data-name="residentId"]').value,
        field: row.querySelector('[data-name="field"]').value,
        value: row.querySelector('[data-name="value"]').value.trim(),
      }))
      .filter((f) => f.value !== ''),
    arrivals: text(form, 'arrival.name')
      ? [
          {
            name: text(form, 'arrival.name'),
            idNumber: text(form, 'arrival.idNumber') ?? '',
            phone: text(form, 'arrival.phone'),
            relationCode: text(form, 'arrival.relationCode'),
            movedInOn: form.elements['arrival.movedInOn'].value,
          },
        ]
      : [],
    departures: text(form, 'departure.residentId')
      ? [
          {
            residentId: text(form, 'departure.residentId'),
            kind: form.elements['departure.kind'].value,
            on: form.elements['departure.on'].value,
            note: text(form, 'departure.note'),
          },
        ]
      : [],
    confirmFacts: form.elements.confirmFacts.checked || undefined,
  };
  for (const list of ['facts', 'arrivals', 'departures']) if (!population[list].length) delete population[list];
  const rental = form.elements['rental.choice'].value;
  const tenant = text(form, 'tenant.residentId');
  const publicSecurity = {
    rental:
      rental === 'new'
        ? {
            room: text(form, 'rental.room'),
            landlordId: text(form, 'rental.landlordId'),
            note: text(form, 'rental.note'),
          }
        : undefined,
    rentalId: rental && rental !== 'new' && tenant ? rental : undefined,
    tenants: tenant ? [{ residentId: tenant, movedInOn: form.elements['tenant.movedInOn'].value }] : undefined,
  };
  const applicant = text(form, 'application.residentId');
  const civilAffairs = applicant
    ? {
        applications: [
          {
            residentId: applicant,
            kind: form.elements['application.kind'].value,
            consent: { method: form.elements['application.consent'].value, witness: text(form, 'application.witness') },
            note: text(form, 'application.note'),
          },
        ],
      }
    : {};
  const collected = Object.fromEntries(
    Object.entries({ population, publicSecurity, civilAffairs }).filter(([, part]) => filled(part)),
  );
  if (Object.keys(collected).length) input.collected = collected;
  return {
    operation: input.collected ? 'record-visit-collected' : 'record-visit',
    input,
    label: `${household.building.address} ${household.room} 走访`,
  };
}

/** Sends a kept form and shows what came of it in `where`, with a resend button while a part is undelivered. */
export async function sendAndShow(entry, where, after) {
  where.hidden = false;
  where.textContent = '正在提交…';
  const outcome = await deliver(entry);
  const lines = [];
  const line = (className, content) => {
    const li = document.createElement('li');
    li.className = className;
    li.textContent = content;
    lines.push(li);
    return li;
  };
  if (outcome.refused) line('refused', `未提交：${outcome.refused}`);
  else if (outcome.undelivered) line('not-delivered', `未送达：${outcome.undelivered}（表单已保存在本机，可重新发送）`);
  else {
    const { result } = outcome;
    if (result.visitedAt) line('applied', `走访已记录（${result.visitedAt.slice(0, 16).replace('T', ' ')}）`);
    else line('applied', `已上报事件：${result.title}（${STATUSES[result.status] ?? result.status}）`);
    if (result.event)
      line('applied', `已上报事件：${result.event.title}（${STATUSES[result.event.status] ?? result.event.status}）`);
    for (const p of result.parts ?? []) {
      const li = line(`part ${p.outcome.toLowerCase().replace('_', '-')}`, '');
      li.dataset.outcome = p.outcome;
      li.textContent = `${DEPARTMENTS[p.department] ?? p.department} · ${p.part}：${OUTCOMES[p.outcome] ?? p.outcome}`;
      if (p.worklistItemId) li.textContent += `（待办事项 ${p.worklistItemId}）`;
      if (p.reason) li.textContent += `（${p.reason}）`;
    }
  }
  const list = document.createElement('ul');
  list.className = 'outcome';
  list.append(...lines);
  const parts = [list];
  const undelivered = outcome.undelivered || outcome.result?.parts?.some((p) => p.outcome === 'NOT_DELIVERED');
  if (undelivered) {
    const again = document.createElement('button');
    again.type = 'button';
    again.className = 'resend';
    again.textContent = '重新发送';
    again.title = 'Send the same form again, with the same key: nothing is applied twice';
    again.onclick = () => sendAndShow(entry, where, after);
    parts.push(again);
  }
  where.replaceChildren(...parts);
  after?.(outcome);
  return outcome;
}
