// "申请更正" (PIPL art. 46): the form (department → fact → correct value → reason) and my corrections with their status.
import { newKey } from '/pages/operations.js';
import { beijing, departmentName, label } from './labels.js';

const $ = (id) => document.getElementById(id);
let facts = [];
/** The form's idempotency key: the same while the form is unchanged, so sending again after a lost answer files once. */
let key = null;

const choices = (select, pairs) =>
  select.replaceChildren(
    ...pairs.map(([value, text]) => Object.assign(document.createElement('option'), { value, textContent: text })),
  );

function showFacts() {
  const department = $('correction-department').value;
  choices(
    $('correction-fact'),
    facts.filter((f) => f.department === department).map((f) => [f.fact, f.label]),
  );
}

function correction(c) {
  const li = document.createElement('li');
  li.className = 'correction';
  li.dataset.id = c.id;
  li.dataset.status = c.status;
  const head = document.createElement('div');
  head.className = 'head';
  const status = document.createElement('span');
  status.className = `status ${c.status.toLowerCase()}`;
  status.textContent = label('CorrectionStatus', c.status);
  head.append(`${departmentName(c.department)} · ${c.label} `, status);
  const sub = (text) => Object.assign(document.createElement('div'), { className: 'sub', textContent: text });
  li.append(
    head,
    sub(`原内容：${c.currentValue ?? '—'} → 更正为：${c.requestedValue}`),
    sub(`理由：${c.reason}`),
    sub(
      `查询码：${c.trackingCode} · 提交于 ${beijing(c.filedAt)} · 办理期限 ${c.dueOn}${c.overdue ? '（已超期）' : ''}`,
    ),
  );
  if (c.decidedAt) {
    const why = c.decisionReason ? `：${c.decisionReason}` : '';
    const decision = sub(`${beijing(c.decidedAt)} ${label('CorrectionStatus', c.status)}${why}`);
    decision.classList.add('decision');
    li.append(decision);
  }
  return li;
}

/** The facts a resident may ask to correct, and the corrections asked for, newest first. */
export async function showCorrections(data) {
  const [{ correctableFacts }, { myCorrections }] = await Promise.all([
    data('correctable-facts'),
    data('my-corrections'),
  ]);
  facts = correctableFacts;
  const kept = $('correction-department').value;
  const departments = [...new Set(facts.map((f) => f.department))];
  choices(
    $('correction-department'),
    departments.map((d) => [d, departmentName(d)]),
  );
  if (departments.includes(kept)) $('correction-department').value = kept;
  showFacts();
  const newest = [...myCorrections].sort((a, b) => b.filedAt.localeCompare(a.filedAt));
  $('corrections').replaceChildren(...newest.map(correction));
  $('corrections').dataset.loaded = 'true';
}

/** The form's wiring: choosing a department lists its facts; any change makes the form a new request (a new key). */
export function wireCorrectionForm(data) {
  const form = $('correction-form');
  $('correction-department').onchange = showFacts;
  form.oninput = () => (key = null);
  form.onsubmit = async (event) => {
    event.preventDefault();
    key ??= newKey();
    const answer = $('correction-answer');
    answer.textContent = '';
    $('submit-correction').disabled = true;
    let filed;
    try {
      ({ requestCorrection: filed } = await data('request-correction', {
        input: {
          idempotencyKey: key,
          department: form.elements.department.value,
          fact: form.elements.fact.value,
          correctValue: form.elements.correctValue.value.trim(),
          reason: form.elements.reason.value.trim(),
        },
      }));
    } catch (error) {
      // the key is kept: sending the unchanged form again files it once
      answer.textContent = `未提交：${error.message}`;
      return;
    } finally {
      $('submit-correction').disabled = false;
    }
    form.elements.correctValue.value = '';
    form.elements.reason.value = '';
    key = null;
    await showCorrections(data).catch((error) => ($('error').textContent = error.message));
    answer.textContent = `已提交，查询码 ${filed.trackingCode}，办理期限 ${filed.dueOn}`;
  };
}
