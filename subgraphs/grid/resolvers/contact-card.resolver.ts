import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { badInput, notFound, requireId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { gridOfAddress } from '../contact/by-address';
import { RegionLevel, STAFF_ROLE_TERMS, StaffRole } from '../entities/enums';
import { Grid } from '../entities/grid';
import type { Region } from '../entities/region';
import type { Staff } from '../entities/staff';
import type { GridContext } from '../loaders';

@ObjectType({ description: 'Whom to call (网格公示): a role and its office line, nothing personal' })
export class ContactCardEntry {
  @Field(() => StaffRole)
  role!: StaffRole;

  @Field(() => String, { nullable: true, description: 'Office phone (办公电话)' })
  officePhone!: string | null;
}

@ObjectType({ description: 'A person on the public contact card (网格公示): name, role and office line, nothing else' })
export class ContactPerson {
  @Field(() => StaffRole)
  role!: StaffRole;

  @Field({ description: 'The role as the notice writes it (网格长, 专职网格员…)' })
  roleName!: string;

  @Field({ description: 'Name (姓名), published on the notice' })
  name!: string;

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

  @ListSize(6)
  @Field(() => [ContactPerson], {
    description:
      'Grid’s own people, one row per person: the grid leader (网格长), grid workers and (asked by building or a one-building address) the building leader (楼栋长). The grid police officers (网格民警) are public security’s: `grid { policeOfficers }`',
  })
  people!: ContactPerson[];

  @Field(() => Grid, {
    description: 'The grid, for what other departments publish about it (public security: its grid police officers)',
  })
  grid!: Grid;
}

/** Grid's people on the card, in the notice's order; the grid police are public security's (Grid.policeOfficers). */
const ON_CARD = [
  StaffRole.GRID_LEADER,
  StaffRole.FULL_TIME_WORKER,
  StaffRole.PART_TIME_WORKER,
  StaffRole.GRID_POLICE,
  StaffRole.BUILDING_LEADER,
];
const PEOPLE: StaffRole[] = ON_CARD.filter((role) => role !== StaffRole.GRID_POLICE);

const byCardOrder = (a: Staff, b: Staff) =>
  PEOPLE.indexOf(a.role) - PEOPLE.indexOf(b.role) || a.name.localeCompare(b.name, 'zh');

/**
 * Public (no token): lib/auth/public.ts lists gridContactCard, and the gateway rate-limits it per client address with
 * the progress lookup. Only names, roles and office lines leave; every lookup writes one audit row, a hit and a miss
 * alike.
 */
@Resolver()
export class ContactCardResolver {
  @Query(() => GridContactCard, {
    nullable: true,
    description:
      'Who do I call about this address, building or grid? The public contact card of a grid (no token needed; rate-limited like serviceProgress). By address: the text is matched against the buildings’ door-plate addresses, full-width digits and spaces ignored',
  })
  async gridContactCard(
    @Arg('buildingId', () => ID, { nullable: true }) buildingId: string | undefined,
    @Arg('gridId', () => ID, { nullable: true }) gridId: string | undefined,
    @Arg('address', () => String, {
      nullable: true,
      description: 'The address as a resident writes it, e.g. 建设路1号院3号楼 (门牌地址)',
    })
    address: string | undefined,
    @Ctx() ctx: GridContext,
  ): Promise<GridContactCard> {
    if ([buildingId, gridId, address].filter((a) => a !== undefined && a !== null).length !== 1)
      throw badInput('give exactly one of address, buildingId and gridId', 'address');
    let found: Region | null = null;
    try {
      const card = await this.cardOf(ctx, { buildingId, gridId, address });
      found = card.grid;
      return card.answer;
    } finally {
      ctx.audit.note('READ', 'Region', found?.id, 'gridContactCard', found ? 'ALLOWED' : 'DENIED');
    }
  }

  private async cardOf(
    ctx: GridContext,
    asked: { buildingId?: string; gridId?: string; address?: string },
  ): Promise<{ grid: Region; answer: GridContactCard }> {
    let buildingId = asked.buildingId ? requireId(asked.buildingId, 'buildingId') : null;
    let grid: Region | null;
    if (asked.address !== undefined && asked.address !== null) {
      const match = await gridOfAddress(ctx, asked.address);
      buildingId = match.buildingId;
      grid = await ctx.loaders.region.load(match.gridId);
    } else if (buildingId) {
      const microGrid = await ctx.loaders.microGridOfBuilding.load(buildingId);
      if (!microGrid) throw notFound('building', buildingId);
      grid = await ctx.loaders.region.load(microGrid.parent!.id);
    } else {
      grid = await ctx.loaders.region.load(requireId(asked.gridId!, 'gridId'));
      if (grid?.level !== RegionLevel.GRID) throw notFound('grid', asked.gridId!);
    }
    const microGrid = buildingId ? await ctx.loaders.microGridOfBuilding.load(buildingId) : null;
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
    const people = [...new Map(staff.filter((s) => PEOPLE.includes(s.role)).map((s) => [s.id, s])).values()]
      .sort(byCardOrder)
      .map((s) => ({
        role: s.role,
        roleName: STAFF_ROLE_TERMS[s.role],
        name: s.name,
        officePhone: s.officePhone ?? null,
      }));
    return {
      grid: grid!,
      answer: {
        gridName: grid!.name,
        communityName: community.name,
        boundary: grid!.boundary ?? null,
        contacts,
        people,
        grid: { id: grid!.id },
      },
    };
  }
}
