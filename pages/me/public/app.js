// The resident's own page (/me): sign in, 我的信息 by department, 谁查看了我的信息, 申请更正.
import { operations } from '/pages/operations.js';
import { attemptSignIn, claims, developmentMode, developmentResidentLogin, signIn, signOut } from '/pages/session.js';
import { showCorrections, wireCorrectionForm } from './corrections.js';
import { showMyData } from './info.js';
import { loadLabels } from './labels.js';
import { months, showReport } from './report.js';

const $ = (id) => document.getElementById(id);
/** A resident asking about themselves states it (the purpose lands in the departments' audit rows). */
const { ask, data } = operations(new URL('operations/', import.meta.url), () => '本人查阅');
const TABS = ['info', 'report', 'correct'];

/**
 * Production sign-in: the province's unified identity service (OIDC, authorization code with PKCE). Not connected yet:
 * when it is, this redirects to it and the page takes the token it returns with signIn(), like a pasted one.
 */
function provinceSignIn() {
  throw new Error('省统一身份认证尚未接入 (the province’s sign-in is not connected yet); paste a token');
}

async function start() {
  const [development] = await Promise.all([developmentMode(), loadLabels()]);
  $('dev-login').hidden = !development;
  $('province-sign-in').onclick = () => attemptSignIn(provinceSignIn, show);
  $('use-token').onclick = () => attemptSignIn(() => signIn($('token').value), show);
  $('dev-sign-in').onclick = () => attemptSignIn(() => developmentResidentLogin($('dev-resident').value.trim()), show);
  $('sign-out').onclick = () => {
    signOut();
    show();
  };
  for (const name of TABS) $(`tab-${name}`).onclick = () => tab(name);
  for (const [value, text] of months().map((m) => [m, m.replace('-', ' 年 ') + ' 月'])) {
    $('report-month').append(Object.assign(document.createElement('option'), { value, textContent: text }));
  }
  $('report-department').onchange = () => attempt(() => showReport(ask, true));
  $('report-month').onchange = () => attempt(() => showReport(ask, true));
  $('report-more').onclick = () => attempt(() => showReport(ask, false));
  wireCorrectionForm(data);
  await show();
}

/** Runs a step of the page; its failure is shown above the sections. */
async function attempt(step) {
  $('error').textContent = '';
  try {
    await step();
  } catch (error) {
    $('error').textContent = error.message;
  }
}

async function show() {
  const who = claims();
  $('sign-in').hidden = !!who;
  $('app').hidden = !who;
  $('sign-out').hidden = !who;
  $('who').textContent = '';
  if (!who) return;
  if (who.department !== 'RESIDENT') {
    signOut();
    $('sign-in').hidden = false;
    $('app').hidden = true;
    $('sign-in-error').textContent = '此页面供居民本人使用，请使用居民令牌登录 (a resident’s own token)';
    return;
  }
  await tab('info');
}

async function tab(name) {
  for (const t of TABS) {
    $(`tab-${t}`).classList.toggle('on', t === name);
    $(t).hidden = t !== name;
  }
  await attempt(async () => {
    if (name === 'info') {
      const { me } = await data('my-data');
      $('who').textContent = me.resident?.name ?? '';
      showMyData(me, $('departments'), $('notice'));
    } else if (name === 'report') await showReport(ask, true);
    else await showCorrections(data);
  });
}

start();
