/** What the gateway tells its pages when it mounts them. */
export interface PageOptions {
  /** HUB_MODE=development: the development login and GraphiQL */
  development: boolean;
  /** the gateway's own GraphQL endpoint, as the server reaches it */
  graphqlUrl: string;
}
