import { Arg, Ctx, Field, ObjectType, ID, Query, Resolver } from 'type-graphql';
import { badInput, notFound, requireId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { RegionLevel, StaffRole } from '../entities/enums';
import type { Region } from '../entities/region';
import type { GridContext } from '../loaders';

@ObjectType({ description: 'Whom to call (网格公示): a role and its office line, nothing personal' })
export class ContactCardEntry {
  @Field(() => StaffRole)
  role!: StaffRole;

  @Field(() => String, { nullable: true, description: 'Office phone (办公电话)' })
  officePhone!: string | null;
}

@ObjectType({
  description:
    'The public contact card of a grid (公开网格范围以及网格长、网格民警等人员信息): its name, boundary and whom to call',
})
export class GridContactCard {
  @Field({ description: 'Grid name (网格名称)' })
  gridName!: string;

  @Field({ description: 'Community (所属社区)' })
  communityName!: string;

  @Field(() => String, { nullable: true, description: 'Boundary (网格范围)' })
  boundary!: string | null;

  @ListSize(6)
  @Field(() => [ContactCardEntry], {
    description: 'The grid leader, grid workers and grid police (and the building leader, asked by building)',
  })
  contacts!: ContactCardEntry[];
}

const ON_CARD = [
  StaffRole.GRID_LEADER,
  StaffRole.FULL_TIME_WORKER,
  StaffRole.PART_TIME_WORKER,
  StaffRole.GRID_POLICE,
  StaffRole.BUILDING_LEADER,
];

/** Public (no token): gateway/public-fields.ts lists gridContactCard. Only roles and office phones leave. */
@Resolver()
export class ContactCardResolver {
  @Query(() => GridContactCard, {
    nullable: true,
    description: 'Who do I call about this building or grid? The public contact card of a grid (no token needed)',
  })
  async gridContactCard(
    @Arg('buildingId', () => ID, { nullable: true }) buildingId: string | undefined,
    @Arg('gridId', () => ID, { nullable: true }) gridId: string | undefined,
    @Ctx() ctx: GridContext,
  ): Promise<GridContactCard> {
    if (!buildingId === !gridId) throw badInput('give exactly one of buildingId and gridId', 'gridId');
    let microGrid: Region | null = null;
    let grid: Region | null;
    if (buildingId) {
      microGrid = await ctx.loaders.microGridOfBuilding.load(requireId(buildingId, 'buildingId'));
      if (!microGrid) throw notFound('building', buildingId);
      grid = await ctx.loaders.region.load(microGrid.parent!.id);
    } else {
      grid = await ctx.loaders.region.load(requireId(gridId!, 'gridId'));
      if (grid?.level !== RegionLevel.GRID) throw notFound('grid', gridId!);
    }
    const community = (await ctx.loaders.region.load(grid!.parent!.id))!;
    const staff = (
      await Promise.all(
        [community, grid!, ...(microGrid ? [microGrid] : [])].map((r) => ctx.loaders.staffOfRegion.load(r.id)),
      )
    ).flat();
    const contacts = staff
      .filter((s) => ON_CARD.includes(s.role))
      .sort((a, b) => ON_CARD.indexOf(a.role) - ON_CARD.indexOf(b.role))
      .map((s) => ({ role: s.role, officePhone: s.officePhone ?? null }));
    return { gridName: grid!.name, communityName: community.name, boundary: grid!.boundary ?? null, contacts };
  }
}
