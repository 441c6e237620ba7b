import { daysBetween } from '../../../lib/calendar';
import { permitStatus } from './residence-permit.mutations';
import { PermitStatus } from '../entities/enums';
import { ListSize } from '../../../lib/graphql/list-size';
import { ChangeRecord } from '../entities/change';
import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { findPageWhere } from '../../../lib/graphql/page-query';
import { badInput } from '../../../lib/errors';
import { ConnectionType, PageArgs, readPage } from '../../../lib/graphql/paging';
import { Organization } from '../entities/organization';
import { ResidencePermit } from '../entities/residence-permit';
import { Resident } from '../entities/resident';
import type { PublicSecurityContext } from '../loaders';
import { both, placeCondition, residentAt } from '../places';
import { addDays } from '../seed.dates';
import { today } from '../supervision';

export const ResidencePermitConnection = ConnectionType(ResidencePermit, 'ResidencePermit');

@Resolver(() => ResidencePermit)
export class ResidencePermitResolver {
  @Query(() => ResidencePermitConnection, {
    description:
      'The grid police’s reminder list (居住证到期提醒): the residents’ current permits that expire within `withinDays` days from today (cancelled ones left out), ' +
      'inside your data scope (and `divisionCode`, if given), ordered by id',
  })
  expiringResidencePermits(
    @Args() paging: PageArgs,
    @Arg('divisionCode', () => String, {
      nullable: true,
      description: 'District (6 digits), street (9) or community (12)',
    })
    divisionCode: string | undefined,
    @Arg('withinDays', () => Int, { description: '0 to 366' }) withinDays: number,
    @Ctx() ctx: PublicSecurityContext,
  ) {
    if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 366)
      throw badInput(`withinDays must be between 0 and 366; got ${withinDays}`, 'withinDays');
    // a resident's current permit is their latest issue; an earlier one that lapsed before a renewal is not a reminder
    const expiring = {
      sql: `t.expires_on between ?::date and ?::date and t.recorded_status <> 'CANCELLED' and not exists (select 1 from residence_permit n where n.resident_id = t.resident_id and n.expires_on > t.expires_on)`,
      params: [today(), addDays(today(), withinDays)],
    };
    return findPageWhere(
      ctx.em,
      ResidencePermit,
      'residence_permit',
      both(placeCondition(ctx, divisionCode), expiring),
      readPage(paging),
    );
  }

  @FieldResolver(() => Resident, { nullable: true, description: 'The permit holder (population resolves the rest)' })
  resident(@Root() permit: ResidencePermit): Resident {
    return residentAt(permit.residentId, permit);
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The employer, when it is an organization on population’s register (辖区单位)',
  })
  employerOrganization(@Root() permit: ResidencePermit): Organization | null {
    return permit.employerOrganizationId ? { id: permit.employerOrganizationId } : null;
  }

  @FieldResolver(() => Int, { description: 'Days from today to the expiry date; negative once expired' })
  daysToExpiry(@Root() permit: ResidencePermit): number {
    return daysBetween(today(), permit.expiresOn);
  }
  @FieldResolver(() => PermitStatus, { description: 'Where it stands today (居住证状态)' })
  status(@Root() permit: ResidencePermit): PermitStatus {
    return permitStatus(permit);
  }

  @ListSize(4)
  @FieldResolver(() => [ChangeRecord], {
    description:
      'Its history (签发、签注、注销记录), oldest first: issued, each renewal and a cancellation, with the validity after each',
  })
  history(@Root() record: ResidencePermit, @Ctx() ctx: PublicSecurityContext): Promise<ChangeRecord[]> {
    return ctx.loaders.historyOf.load(record.id);
  }
}
