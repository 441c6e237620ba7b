// GraphiQL on the hub, offline: the token goes in the headers tab (taken from the dashboard's sign-in, or in
// development minted by the hub's development login), and the saved examples open as tabs with real ids.
import { graphql } from '/pages/graphql.js';
import { developmentLogin, token } from '/pages/session.js';
import { EXAMPLES, LOOKUP, variablesFor } from './examples.js';

/** The signed-in token, else one from the development login (GraphiQL is served in development only). */
async function signedIn() {
  if (!token()) await developmentLogin('GRID', 'GRID_LEADER').catch(() => undefined);
  return token();
}

async function exampleIds(bearer) {
  if (!bearer) return {};
  const { data } = await graphql(LOOKUP).catch(() => ({}));
  const first = (list) => list?.nodes[0]?.id ?? '<id>';
  return {
    resident: first(data?.residents),
    district: first(data?.district),
    community: first(data?.community),
    grid: first(data?.grid),
  };
}

async function start() {
  const bearer = await signedIn();
  const ids = await exampleIds(bearer);
  const headers = JSON.stringify({ authorization: `Bearer ${bearer ?? '<token from npm run token>'}` }, null, 2);
  const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  const tabs = EXAMPLES.map((example) => ({
    query: example.query,
    variables: JSON.stringify(variablesFor(example, ids), null, 2),
    headers,
  }));
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultTabs: tabs,
      variables: tabs[0].variables,
      defaultHeaders: headers,
      defaultEditorToolsVisibility: 'headers',
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
}

start();
