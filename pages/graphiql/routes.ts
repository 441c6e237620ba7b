import type { RequestHandler, Router } from 'express';
import { pageFolder } from '../shared/assets';

/**
 * /graphiql (development only): GraphiQL 3's browser build on React 18's, every file from npm, with saved example
 * operations (public/examples.js). It replaces Apollo's landing page, which loads from a CDN.
 */
export const graphiql = (): Router =>
  pageFolder('graphiql', {
    'react.production.min.js': ['react', 'umd/react.production.min.js'],
    'react-dom.production.min.js': ['react-dom', 'umd/react-dom.production.min.js'],
    'graphiql.min.js': ['graphiql', 'graphiql.min.js'],
    'graphiql.min.css': ['graphiql', 'graphiql.min.css'],
  });

/** A browser opening /graphql is sent to GraphiQL; GraphQL requests (GET with a query, POST) pass. */
export const graphiqlLanding: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' && !req.query.query && req.accepts(['application/json', 'text/html']) === 'text/html')
    res.redirect(302, '/graphiql/');
  else next();
};
