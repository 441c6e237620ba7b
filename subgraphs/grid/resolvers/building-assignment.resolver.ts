import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { inTransaction } from '../../../lib/writes/unit-of-work';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import { type FieldRule, Shared } from '../../../lib/auth/rules';
import { badInput, conflict, notVisible, requireId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { Building } from '../entities/building';
import { BuildingAssignment } from '../entities/building-assignment';
import { BuildingAssignmentPeriod } from '../entities/building-assignment-period';
import { RegionLevel } from '../entities/enums';
import { Region } from '../entities/region';
import { Staff } from '../entities/staff';
import type { GridContext } from '../loaders';

@ObjectType({
  description:
    'A period in which a building belonged to a micro-grid, and who was responsible for it then (楼栋入格记录)',
})
export class BuildingAssignmentRecord {
  @Field(() => Region, { description: 'The micro-grid' })
  microGrid!: Region;

  @Field({ description: 'From' })
  validFrom!: Date;

  @Field(() => Date, { nullable: true, description: 'Until; null for the current assignment' })
  validTo!: Date | null;

  @ListSize(8)
  @Field(() => [Staff], { description: 'The staff of the micro-grid, its grid and community when the period began' })
  responsible!: Staff[];
}

/** Only the grid leader and the dispatch desk move buildings between micro-grids. */
const ASSIGNERS: FieldRule = { sharing: 'NOT_SHARED', ownerRoles: ['GRID_LEADER', 'DISPATCHER'] };

@Resolver(() => Building)
export class BuildingAssignmentResolver {
  @ListSize(3)
  @FieldResolver(() => [BuildingAssignmentRecord], {
    description: 'Every micro-grid the building belonged to, and who was responsible when, newest first',
  })
  async assignmentHistory(@Root() building: Building, @Ctx() ctx: GridContext): Promise<BuildingAssignmentRecord[]> {
    const periods = await ctx.loaders.assignmentPeriodsOfBuilding.load(building.id);
    return Promise.all(
      periods.map(async (p) => ({
        microGrid: (await ctx.loaders.region.load(p.microGrid.id))!,
        validFrom: p.validFrom,
        validTo: p.validTo ?? null,
        responsible: (await Promise.all(p.responsibleStaffIds.map((id) => ctx.loaders.staff.load(id)))).filter(
          (s): s is Staff => s !== null,
        ),
      })),
    );
  }

  @Shared(ASSIGNERS)
  @Mutation(() => Building, {
    description:
      'Moves a building to another micro-grid (楼栋调整入格); the history keeps who was responsible for it when',
  })
  async moveBuilding(
    @Arg('buildingId', () => ID) buildingId: string,
    @Arg('microGridId', () => ID) microGridId: string,
    @Ctx() ctx: GridContext,
  ): Promise<Building> {
    const id = requireId(buildingId, 'buildingId');
    const [current, target] = await Promise.all([
      ctx.loaders.microGridOfBuilding.load(id),
      ctx.loaders.region.load(requireId(microGridId, 'microGridId')),
    ]);
    if (!current) throw notVisible('Building', id);
    refuseOutsideScope(ctx, 'Building', id, { buildingId: id, communityCode: current.code.slice(0, 12) }, () =>
      notVisible('Building', id),
    );
    if (!target || target.level !== RegionLevel.MICRO_GRID)
      throw badInput('microGridId must be a micro-grid (微网格)', 'microGridId');
    refuseOutsideScope(ctx, 'Region', target.id, { communityCode: target.code.slice(0, 12) }, () =>
      notVisible('Region', target.id),
    );
    if (target.id === current.id) throw badInput(`building ${id} is in ${target.name} already`, 'microGridId');
    const responsible = (
      await Promise.all([target.id, target.parent!.id].map((r) => ctx.loaders.staffOfRegion.load(r)))
    )
      .flat()
      .map((s) => s.id);
    const community = (await ctx.loaders.region.load(target.parent!.id))!.parent!.id;
    const leaders = (await ctx.loaders.staffOfRegion.load(community)).map((s) => s.id);
    await inTransaction(ctx, async ({ em: tx }) => {
      // the building's row, locked: of two moves at the same moment the second waits here and sees where the first put it
      const [locked] = await tx.execute<{ micro_grid_id: string }[]>(
        'select micro_grid_id from building_assignment where building_id = ? for update',
        [id],
      );
      if (locked?.micro_grid_id !== current.id)
        throw conflict(
          `building ${id} was moved by someone else at the same moment; read where it is now and try again`,
        );
      const now = new Date();
      await tx.nativeUpdate(BuildingAssignmentPeriod, { buildingId: id, validTo: null }, { validTo: now });
      await tx.nativeUpdate(BuildingAssignment, { buildingId: id }, { microGrid: target.id });
      await tx.insert(BuildingAssignmentPeriod, {
        buildingId: id,
        microGrid: target.id,
        validFrom: now,
        validTo: null,
        responsibleStaffIds: [...responsible, ...leaders],
        movedBy: ctx.identity.subject,
      });
    });
    return { id };
  }
}
