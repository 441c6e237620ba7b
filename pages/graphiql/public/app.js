// GraphiQL on the hub, offline: the token goes in the headers tab (taken from the dashboard's sign-in, or in
// development minted by the hub's development login), and the saved examples open as tabs with real ids.
import { EXAMPLES, LOOKUP, variablesFor } from './examples.js';

const KEY = 'hub-token';

async function token() {
  const kept = sessionStorage.getItem(KEY);
  if (kept) return kept;
  const res = await fetch('/dashboard/dev-login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ department: 'GRID', role: 'GRID_LEADER' }) });
  if (!res.ok) return null;
  const { token: minted } = await res.json();
  sessionStorage.setItem(KEY, minted);
  return minted;
}

async function exampleIds(bearer) {
  if (!bearer) return {};
  const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query: LOOKUP }) });
  const { data } = await res.json();
  const first = (list) => list?.nodes[0]?.id ?? '<id>';
  return { resident: first(data?.residents), district: first(data?.district), community: first(data?.community), grid: first(data?.grid) };
}

async function start() {
  const bearer = await token();
  const ids = await exampleIds(bearer);
  const headers = JSON.stringify({ authorization: `Bearer ${bearer ?? '<token from npm run token>'}` }, null, 2);
  const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  const tabs = EXAMPLES.map((example) => ({ query: example.query, variables: JSON.stringify(variablesFor(example, ids), null, 2), headers }));
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher, defaultTabs: tabs, variables: tabs[0].variables, defaultHeaders: headers, defaultEditorToolsVisibility: 'headers', isHeadersEditorEnabled: true, shouldPersistHeaders: false }),
  );
}

start();
