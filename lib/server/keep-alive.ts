/**
 * How long a subgraph keeps an idle connection from the gateway open. The gateway lets go of an idle connection
 * sooner (gateway/department-fetch.ts), so it never sends a request on a connection the subgraph is closing.
 */
export const SUBGRAPH_KEEP_ALIVE_MS = 60_000;
