import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { Shared } from '../../../lib/auth/rules';
import { RESIDENT_LOCATION } from '../../../lib/auth/scope';
import { isId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { WELFARE } from '../access';
import { AssistanceCase } from '../entities/assistance-case';
import { Disability } from '../entities/disability';
import { ElderlyCare } from '../entities/elderly-care';
import { AssistanceStatus } from '../entities/enums';
import { Resident, ResidentStatus } from '../entities/resident';
import { ServiceApplication } from '../entities/service-application';
import { SpecialCare } from '../entities/special-care';
import { Volunteer } from '../entities/volunteer';
import type { CivilAffairsContext } from '../loaders';

const key = (resident: Resident) => (isId(resident.id) ? resident.id.toLowerCase() : null);

/** Cases that are paying, or about to: what must stop when the resident leaves the register. */
const PAYING: readonly AssistanceStatus[] = [
  AssistanceStatus.APPROVED,
  AssistanceStatus.ACTIVE,
  AssistanceStatus.SUSPENDED,
];

/** A resident's welfare as civil affairs knows it: each field reads this department's own records by the resident's key. */
@Resolver(() => Resident)
export class ResidentWelfareResolver {
  @Shared(WELFARE)
  @Directive(`@requires(fields: "${RESIDENT_LOCATION}")`)
  @FieldResolver(() => Disability, {
    nullable: true,
    description: 'Disability certificate (残疾人证), if the resident holds one',
  })
  async disability(@Root() resident: Resident, @Ctx() ctx: CivilAffairsContext): Promise<Disability | null> {
    const id = key(resident);
    return id ? ctx.loaders.disabilityOf.load(id) : null;
  }

  @Shared(WELFARE)
  @Directive(`@requires(fields: "${RESIDENT_LOCATION}")`)
  @FieldResolver(() => ElderlyCare, {
    nullable: true,
    description: 'Elderly care (养老服务): 高龄津贴 and home-care services',
  })
  async elderlyCare(@Root() resident: Resident, @Ctx() ctx: CivilAffairsContext): Promise<ElderlyCare> {
    const id = key(resident);
    if (!id) return { allowance: null, homeCare: [] };
    const [allowance, homeCare] = await Promise.all([
      ctx.loaders.allowanceOf.load(id),
      ctx.loaders.homeCareOf.load(id),
    ]);
    return { allowance, homeCare };
  }

  /** few residents have any, almost none more than one */
  @ListSize(1)
  @Shared(WELFARE)
  @Directive(`@requires(fields: "${RESIDENT_LOCATION}")`)
  @FieldResolver(() => [SpecialCare], {
    nullable: true,
    description: 'Special care (优抚) the resident is recognised for',
  })
  async specialCare(@Root() resident: Resident, @Ctx() ctx: CivilAffairsContext): Promise<SpecialCare[]> {
    const id = key(resident);
    return id ? ctx.loaders.specialCareOf.load(id) : [];
  }

  /** a resident hands in a few a year */
  @ListSize(2)
  @Shared(WELFARE)
  @Directive(`@requires(fields: "${RESIDENT_LOCATION}")`)
  @FieldResolver(() => [ServiceApplication], {
    nullable: true,
    description: 'Service applications handled for the resident (民生事项代办), newest first',
  })
  async serviceApplications(
    @Root() resident: Resident,
    @Ctx() ctx: CivilAffairsContext,
  ): Promise<ServiceApplication[]> {
    const id = key(resident);
    return id ? ctx.loaders.applicationsOf.load(id) : [];
  }

  @Shared(WELFARE)
  @Directive(`@requires(fields: "${RESIDENT_LOCATION}")`)
  @FieldResolver(() => Volunteer, {
    nullable: true,
    description: 'The resident’s volunteer registration (志愿者), if any',
  })
  async volunteer(@Root() resident: Resident, @Ctx() ctx: CivilAffairsContext): Promise<Volunteer | null> {
    const id = key(resident);
    return id ? ctx.loaders.volunteerOf.load(id) : null;
  }

  /**
   * The payments to stop (死亡、迁出待停发): the resident's open monthly cases when population says they have moved out
   * or died. Population's status arrives in the representation (@requires); civil affairs keeps no copy of it.
   */
  @ListSize(1)
  @Directive(`@requires(fields: "status ${RESIDENT_LOCATION}")`)
  @FieldResolver(() => [AssistanceCase], {
    description:
      'Assistance still paying (APPROVED, ACTIVE, SUSPENDED) although population has the resident as moved out (迁出) or deceased (死亡); empty for a resident on the register',
  })
  async assistanceToStop(@Root() resident: Resident, @Ctx() ctx: CivilAffairsContext): Promise<AssistanceCase[]> {
    const id = key(resident);
    if (!id || !resident.status || resident.status === ResidentStatus.ACTIVE) return [];
    return (await ctx.loaders.casesOfResident.load(id)).filter((c) => PAYING.includes(c.status));
  }
}
