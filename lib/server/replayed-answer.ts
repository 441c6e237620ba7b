import type { GraphQLResponse } from '@apollo/server';
import { replayedIdentity } from '../auth/forwarded';
import { errorCodeLabel, graphqlErrors } from '../metrics';

/**
 * Replaces a read's answer, at the moment it would leave, when the forwarded identity it came with turned out to have
 * been used already (claimed with its audit rows, none of which were written): the refusal `verify` gives a change
 * before it runs, with nothing of the answer in it.
 */
export function refuseReplayed(response: GraphQLResponse): void {
  const { message, extensions } = replayedIdentity();
  const code = String(extensions.code);
  response.body = { kind: 'single', singleResult: { errors: [{ message, extensions: { code } }] } };
  response.http.status = 401;
  graphqlErrors.inc({ code: errorCodeLabel(code) });
}
