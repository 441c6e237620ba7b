import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { badInput, requireId } from '../../../lib/errors';
import { RegionLevel } from '../entities/enums';
import type { GridContext } from '../loaders';

@ObjectType({ description: 'A data scope (数据权限范围) in the terms every department can check on its own records' })
export class DataScope {
  @Field({ description: 'the whole district' })
  all!: boolean;

  @Field(() => [String], { description: 'division-code prefixes of the districts, streets and communities covered' })
  codePrefixes!: string[];

  @Field(() => [ID], { description: 'buildings of the grids and micro-grids covered' })
  buildingIds!: string[];
}

const BY_CODE = new Set<RegionLevel>([RegionLevel.DISTRICT, RegionLevel.STREET, RegionLevel.COMMUNITY]);

/** The gateway turns a token's region ids into this once per scope, and signs it into the identity it forwards. */
@Resolver()
export class DataScopeResolver {
  @Query(() => DataScope, {
    description: 'Resolves region ids (a region covers its descendants) into what departments check',
  })
  async dataScope(@Arg('regionIds', () => [ID]) regionIds: string[], @Ctx() ctx: GridContext): Promise<DataScope> {
    if (regionIds.length > 200) throw badInput('at most 200 region ids', 'regionIds');
    const regions = await Promise.all(regionIds.map((id) => ctx.loaders.region.load(requireId(id, 'regionIds'))));
    const known = regions.filter((r) => r !== null);
    const codePrefixes = known.filter((r) => BY_CODE.has(r.level)).map((r) => r.code);
    const fine = known.filter((r) => !BY_CODE.has(r.level));
    const buildingIds = (await Promise.all(fine.map((r) => ctx.loaders.buildingsInRegion.load(r.id)))).flat();
    return {
      all: known.some((r) => r.level === RegionLevel.DISTRICT),
      codePrefixes,
      buildingIds: [...new Set(buildingIds)],
    };
  }
}
