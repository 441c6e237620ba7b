import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type ClassType, Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import type { ResolvedScope } from '../auth/scope';
import { decodeKeys } from '../cohort/keys';
import type { RequestContext } from '../context';
import { LocalDate } from '../graphql/scalars';
import { type Cells, keySecretFor, type ShownRow, showRow, statisticsScope, type TableShape } from './disclosure';

/**
 * What a department needs to know of a region to count its own records there, provided by grid (the owner of the
 * region tree) and brought by the gateway in the representation (@requires), never sent by a client.
 */
export const REGION_PLACE = 'divisionCode buildingKeys';

/** Grid's figures entity as the other departments see it: the key, and the place they @require to count in it. */
export interface RegionFigures {
  regionId: string;
  asOf: string;
  divisionCode: string;
  buildingKeys?: string | null;
}

/**
 * The class of grid's figures entity (one region as of one day) for a department's own schema; each department adds
 * one field with its figures. A class per department, as with every entity stub: field resolvers attach to the class.
 */
export function regionFiguresEntity(): ClassType<RegionFigures> {
  @Directive('@key(fields: "regionId asOf")')
  @ObjectType('RegionFigures', { description: 'Figures of one region as of one day (区域统计)' })
  class RegionFiguresStub implements RegionFigures {
    @Field(() => ID)
    regionId!: string;

    @Field(() => LocalDate)
    asOf!: string;

    @Directive('@external')
    @Field()
    divisionCode!: string;

    @Directive('@external')
    @Field(() => String, { nullable: true })
    buildingKeys?: string | null;
  }
  return RegionFiguresStub;
}

/** One region to count in: community and above by division-code prefix, grids and micro-grids by their buildings. */
export interface CountingPlace {
  /** position in the batch (rows come back in this order) */
  i: number;
  /** the region's id (grid, which owns the tree, may count by it too) */
  region: string;
  code: string;
  buildings: string[] | null;
  as_of: string;
}

/**
 * The batch's places as one JSON parameter; in SQL:
 * `json_to_recordset(?::json) as p(i int, region uuid, code text, buildings uuid[], as_of date)` and a record is in place `p` when
 * `(p.buildings is null and <community code> like p.code || '%') or <building> = any(p.buildings)`.
 */
export const PLACES_SQL =
  'json_to_recordset(?::json) as p(i int, region uuid, code text, buildings uuid[], as_of date)';
export const inPlaceSql = (columns: { building: string; communityCode: string }) =>
  `((p.buildings is null and ${columns.communityCode} like p.code || '%') or ${columns.building} = any(p.buildings))`;

/** The places grouped by the day they are counted for (a request asks for one day). */
export function byDay(places: CountingPlace[]): Map<string, CountingPlace[]> {
  const days = new Map<string, CountingPlace[]>();
  for (const place of places) days.set(place.as_of, [...(days.get(place.as_of) ?? []), place]);
  return days;
}

/** PostgreSQL array literal of division-code patterns (digits and `%` only), bound as one parameter. */
export const pgTextArray = (values: readonly string[]) => `{${values.map((v) => `"${v}"`).join(',')}}`;

export function countingPlaces(figures: readonly RegionFigures[]): CountingPlace[] {
  return figures.map((f, i) => ({
    i,
    region: f.regionId,
    code: f.divisionCode,
    buildings: f.buildingKeys ? decodeKeys(f.buildingKeys) : null,
    as_of: f.asOf,
  }));
}

/** Grid checked the region against the caller's scope; each department checks the place it was sent again. */
export function placeInScope(scope: ResolvedScope, place: CountingPlace): boolean {
  if (scope.all) return true;
  if (scope.codePrefixes.some((prefix) => place.code.startsWith(prefix))) return true;
  return place.buildings?.every((id) => scope.buildingIds.includes(id)) ?? false;
}

/**
 * A department's figures of a batch of regions: one SQL statement over its own data, only numbers out. With a
 * record-key secret it sums each count's record keys too (`<count>:key`, lib/stats/cell-key.ts) and gives each sum of
 * money its largest payment (`<money>:top`); without one (an official's exact figures) those stay 0.
 */
export interface FiguresSource<T> {
  /** the field on RegionFigures (audit rows name it) */
  field: string;
  shape: TableShape;
  /** one row of cells per place, in the places' order */
  count(em: EntityManager, places: CountingPlace[], secret: Buffer | null): Promise<Cells[]>;
  figures(row: ShownRow): T;
}

const batches = new WeakMap<object, Map<string, DataLoader<RegionFigures, unknown, string>>>();

/** The figures of `root`, counted with every other region of the request in one batch, as the caller may see them (lib/stats/disclosure.ts). */
export function loadRegionFigures<T>(
  source: FiguresSource<T>,
  root: RegionFigures,
  ctx: RequestContext,
): Promise<T | null> {
  let perRequest = batches.get(ctx);
  if (!perRequest) batches.set(ctx, (perRequest = new Map()));
  let loader = perRequest.get(source.field);
  if (!loader) {
    loader = new DataLoader((roots) => countBatch(source, roots, ctx), {
      cacheKeyFn: (r) => `${r.regionId}|${r.asOf}`,
    });
    perRequest.set(source.field, loader);
  }
  return loader.load(root) as Promise<T | null>;
}

async function countBatch<T>(
  source: FiguresSource<T>,
  roots: readonly RegionFigures[],
  ctx: RequestContext,
): Promise<(T | null)[]> {
  const places = countingPlaces(roots);
  const allowed = places.filter((p) => placeInScope(statisticsScope(ctx.identity), p));
  const refused = roots.filter((_, i) => !allowed.some((p) => p.i === i)).map((r) => r.regionId);
  if (refused.length) ctx.audit.note('READ', 'RegionFigures', refused, source.field, 'DENIED');
  if (!allowed.length) return roots.map(() => null);
  const rows = await source.count(
    ctx.em,
    allowed.map((p, i) => ({ ...p, i })),
    keySecretFor(ctx.identity),
  );
  const answers: (T | null)[] = roots.map(() => null);
  allowed.forEach((p, i) => {
    answers[p.i] = source.figures(showRow(ctx.identity, rows[i], source.shape));
  });
  return answers;
}

/**
 * A department's field on RegionFigures (named `source.field`), which @requires the place grid provides: e.g.
 * `population: PopulationFigures`, null outside the caller's data scope.
 */
export function regionFiguresResolver<T extends object>(
  entity: ClassType<RegionFigures>,
  figures: ClassType<T>,
  source: FiguresSource<T>,
  description: string,
) {
  @Resolver(() => entity)
  class RegionFiguresResolver {
    @Directive(`@requires(fields: "${REGION_PLACE}")`)
    @FieldResolver(() => figures, {
      name: source.field,
      nullable: true,
      description: `${description}; null outside your data scope`,
    })
    figures(@Root() root: RegionFigures, @Ctx() ctx: RequestContext): Promise<T | null> {
      return loadRegionFigures(source, root, ctx);
    }
  }
  return RegionFiguresResolver;
}
