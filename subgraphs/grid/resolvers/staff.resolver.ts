import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Shared } from '../../../lib/auth/rules';
import { requireId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { Region } from '../entities/region';
import { Staff } from '../entities/staff';
import type { GridContext } from '../loaders';

@Resolver(() => Staff)
export class StaffResolver {
  @Query(() => Staff, { nullable: true, description: 'One staff member by id' })
  staff(@Arg('id', () => ID) id: string, @Ctx() ctx: GridContext): Promise<Staff | null> {
    return ctx.loaders.staff.load(requireId(id));
  }

  @Shared({ sharing: 'UNCONDITIONAL', mask: 'PHONE', wholeFor: ['GRID:*', 'PUBLIC_SECURITY:GRID_POLICE'] })
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Phone (联系电话); masked like 138****5678 outside the grid workforce',
  })
  phone(@Root() staff: Staff): string {
    return staff.phone;
  }

  @ListSize(3)
  @FieldResolver(() => [Region], { description: 'The regions the staff member serves (负责区域), by division code' })
  regions(@Root() staff: Staff, @Ctx() ctx: GridContext): Promise<Region[]> {
    return ctx.loaders.regionsOfStaff.load(staff.id);
  }
}
