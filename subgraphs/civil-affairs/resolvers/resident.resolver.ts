import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { RESIDENT_LOCATION } from '../../../lib/auth/scope';
import { isId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { AssistanceCase } from '../entities/assistance-case';
import { AssistanceStatus } from '../entities/enums';
import { Resident } from '../entities/resident';
import type { CivilAffairsContext } from '../loaders';

/** Only ACTIVE cases when `active` is true; every case otherwise. */
export const keepActive = (cases: AssistanceCase[], active?: boolean) =>
  active ? cases.filter((c) => c.status === AssistanceStatus.ACTIVE) : cases;

@Resolver(() => Resident)
export class ResidentAssistanceResolver {
  /** most residents have no case, few more than one */
  @ListSize(1)
  @Directive(`@requires(fields: "${RESIDENT_LOCATION}")`)
  // nullable: with civil affairs down, the resident still comes back from population (DEPARTMENT_UNAVAILABLE here)
  @FieldResolver(() => [AssistanceCase], {
    nullable: true,
    description: 'Assistance cases the resident applied for (社会救助), newest first',
  })
  async assistance(
    @Root() resident: Resident,
    @Arg('active', () => Boolean, { nullable: true, description: 'true: only cases now paying (ACTIVE, 享受中)' })
    active: boolean | undefined,
    @Ctx() ctx: CivilAffairsContext,
  ): Promise<AssistanceCase[]> {
    if (!isId(resident.id)) return [];
    return keepActive(await ctx.loaders.casesOfResident.load(resident.id.toLowerCase()), active);
  }
}
