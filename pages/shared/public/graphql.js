// GraphQL requests to the hub's own gateway, as the signed-in caller.
import { token } from './session.js';

/**
 * The answer as it came ({ data, errors }, a refusal's too); throws only when the request failed. `purpose` is stated in
 * X-Purpose (有条件共享: departments share some data with a stated purpose only).
 */
export async function graphqlAnswer(query, variables = {}, { purpose } = {}) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token()}`,
      ...(purpose ? { 'x-purpose': encodeURIComponent(purpose) } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}

/** The answer ({ data, errors }); throws only when nothing came back (a partial answer keeps its errors). */
export async function graphql(query, variables = {}) {
  const answer = await graphqlAnswer(query, variables);
  if (answer.errors?.length && !answer.data) throw new Error(answer.errors.map((e) => e.message).join('; '));
  return answer;
}
