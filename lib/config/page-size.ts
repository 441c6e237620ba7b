/** Page sizes every list in the hub accepts (subgraphs check them, and the gateway refuses more up front). */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
