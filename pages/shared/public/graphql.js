// GraphQL requests to the hub's own gateway, as the signed-in caller.
import { token } from './session.js';

/** The answer ({ data, errors }); throws only when nothing came back (a partial answer keeps its errors). */
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
