// The signed-in token (kept for this browser tab only) and GraphQL requests to the hub's own gateway.
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

/** Development mode: the hub mints a token for the whole district. */
export async function developmentLogin(department, role) {
  const res = await fetch('dev-login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ department, role }) });
  const answer = await res.json();
  if (!res.ok) throw new Error(answer.error);
  signIn(answer.token);
}

export async function graphql(query, variables = {}) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` },
    body: JSON.stringify({ query, variables }),
  });
  const answer = await res.json();
  if (answer.errors?.length && !answer.data) throw new Error(answer.errors.map((e) => e.message).join('; '));
  return answer;
}
