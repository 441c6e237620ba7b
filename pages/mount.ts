import type { Express } from 'express';
import { dashboard } from './dashboard/routes';
import { graphiql, graphiqlLanding } from './graphiql/routes';
import { mePage } from './me/routes';
import type { PageOptions } from './shared/options';
import { workerPage } from './worker/routes';
import { sharedPlumbing } from './shared/routes';

/**
 * Every browser page the gateway serves, one folder each beside pages/shared; the gateway mounts them all with this
 * one call (before its /graphql route: GraphiQL's landing redirect comes first). A new page is a folder and a line here.
 */
export function mountPages(app: Express, options: PageOptions): void {
  app.use('/pages', sharedPlumbing(options));
  app.use('/dashboard', dashboard());
  app.use('/worker', workerPage());
  app.use('/me', mePage());
  if (options.development) app.use('/graphiql', graphiql()).get('/graphql', graphiqlLanding);
}
