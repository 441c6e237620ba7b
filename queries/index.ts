/**
 * Operations written once and asked by several parts of the hub. The .graphql files are the source; the dashboard
 * fetches region-stats.graphql from the gateway (gateway/dashboard/routes.ts), the bench and the tests read them here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** This folder in the source tree, whether this module runs from it (tests) or from dist/queries (the bench). */
export const QUERIES_FOLDER =
  [__dirname, resolve(__dirname, '..', '..', 'queries')].find((dir) => existsSync(join(dir, 'resident-360.graphql'))) ??
  resolve(__dirname);

const read = (file: string) => readFileSync(join(QUERIES_FOLDER, file), 'utf8');

/** One resident with facts from all four departments (居民全景): the bench's scenario, the tests' and the README's first query. */
export const RESIDENT_360 = read('resident-360.graphql');

/** A region and each child with every department's figures (区域统计): the dashboard's query and the tests' oracle's. */
export const REGION_STATS = read('region-stats.graphql');

/** Assessment figures per department and per grid over a period (考核): the dashboard's assessment panel and its test. */
export const ASSESSMENT = read('assessment.graphql');
