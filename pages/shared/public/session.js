// Sign-in, for every page: the token (kept for this browser tab only), its claims, and the development login.
const KEY = 'hub-token';

export const token = () => sessionStorage.getItem(KEY);
export const signOut = () => sessionStorage.removeItem(KEY);

/** The token's claims (shown and used to find the caller's regions; the gateway verifies the token itself). */
export function claims() {
  const t = token();
  if (!t) return null;
  try {
    const payload = JSON.parse(atob(t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return payload.exp && payload.exp * 1000 < Date.now() ? null : payload;
  } catch {
    return null;
  }
}

export function signIn(value) {
  sessionStorage.setItem(KEY, value.trim());
  if (!claims()) {
    signOut();
    throw new Error('这不是有效的令牌 (not a valid, unexpired token)');
  }
}

/** Whether the hub runs in development mode (the development login and GraphiQL are there). */
export async function developmentMode() {
  return (await (await fetch('/pages/config.json')).json()).development;
}

async function developmentToken(body) {
  const res = await fetch('/pages/dev-login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await res.json();
  if (!res.ok) throw new Error(answer.error);
  signIn(answer.token);
}

/** Development mode: the hub mints a token for the whole district, or for one region of it (`regionId`). */
export const developmentLogin = (department, role, regionId) => developmentToken({ department, role, regionId });

/** Development mode: the hub mints a resident's own token, for their id on the register (the resident's page). */
export const developmentResidentLogin = (resident) => developmentToken({ department: 'RESIDENT', resident });

/** A sign-in step of a page (a token pasted, the development login), then `show`; a failure is shown in #sign-in-error. */
export async function attemptSignIn(action, show) {
  const error = document.getElementById('sign-in-error');
  error.textContent = '';
  try {
    await action();
    await show();
  } catch (failure) {
    error.textContent = failure.message;
  }
}
