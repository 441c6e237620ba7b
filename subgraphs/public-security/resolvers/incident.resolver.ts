import { ChangeRecord } from '../entities/change';
import { Arg, Args, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Shared } from '../../../lib/auth/rules';
import { findPageWhere } from '../../../lib/graphql/page-query';
import { type SqlCondition } from '../../../lib/auth/scope-sql';
import { badInput, requireId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { ConnectionType, PageArgs, readPage } from '../../../lib/graphql/paging';
import { Building } from '../entities/building';
import { IncidentType } from '../entities/enums';
import { INCIDENT_DETAILS, Incident } from '../entities/incident';
import { IncidentParty } from '../entities/incident-party';
import { Resident } from '../entities/resident';
import type { PublicSecurityContext } from '../loaders';
import { KEY_MODULUS } from '../../../lib/stats/cell-key';
import { type Cells, keySecretFor, shownCount, statisticsPeriod, statisticsScope } from '../../../lib/stats/disclosure';
import { keyedCounts, recordKeyJoin, SECRET_CTE } from '../../../lib/stats/keyed-counts';
import { both, placeCondition, residentAt } from '../places';

export const IncidentConnection = ConnectionType(Incident, 'Incident');

@ObjectType({ description: 'Incidents of one type in one community over a period (警情统计)' })
export class IncidentCount {
  @Field({ description: '12-digit division code of the community' })
  communityCode!: string;

  @Field(() => IncidentType)
  type!: IncidentType;

  @Field(() => Int)
  count!: number;
}

/** Incidents from `from` (inclusive) to `to` (exclusive), within the caller's scope and the division code. */
function inPeriod(ctx: PublicSecurityContext, from: Date, to: Date, divisionCode: string | undefined): SqlCondition {
  if (!(from < to)) throw badInput('from must be before to', 'from');
  return both(placeCondition(ctx, divisionCode), {
    sql: 't.occurred_at >= ? and t.occurred_at < ?',
    params: [from, to],
  });
}

@Resolver(() => Incident)
export class IncidentResolver {
  @Query(() => Incident, { nullable: true, description: 'One incident (警情) by id' })
  incident(@Arg('id', () => ID) id: string, @Ctx() ctx: PublicSecurityContext): Promise<Incident | null> {
    return ctx.loaders.incident.load(requireId(id));
  }

  @Query(() => IncidentConnection, {
    description:
      'Incidents from `from` up to `to` inside your data scope (and `divisionCode`, if given), of one type if given, ordered by id',
  })
  incidents(
    @Args() paging: PageArgs,
    @Arg('type', () => IncidentType, { nullable: true }) type: IncidentType | undefined,
    @Arg('divisionCode', () => String, {
      nullable: true,
      description: 'District (6 digits), street (9) or community (12)',
    })
    divisionCode: string | undefined,
    @Arg('to', () => Date) to: Date,
    @Arg('from', () => Date) from: Date,
    @Ctx() ctx: PublicSecurityContext,
  ) {
    const period = inPeriod(ctx, from, to, divisionCode);
    const condition = type ? both(period, { sql: 't.type = ?', params: [type] }) : period;
    return findPageWhere(ctx.em, Incident, 'incident', condition, readPage(paging));
  }

  /** about ten types in each community of the scope */
  @ListSize(100)
  @Query(() => [IncidentCount], {
    description:
      'Incidents per community and type from `from` up to `to` (警情统计), inside your data scope (and `divisionCode`, if given); streets and the district are sums of their communities. ' +
      'For an analytics identity: whole days, and counts through the disclosure control (docs/disclosure-control.md)',
  })
  async incidentCounts(
    @Arg('divisionCode', () => String, {
      nullable: true,
      description: 'District (6 digits), street (9) or community (12)',
    })
    divisionCode: string | undefined,
    @Arg('to', () => Date) to: Date,
    @Arg('from', () => Date) from: Date,
    @Ctx() ctx: PublicSecurityContext,
  ): Promise<IncidentCount[]> {
    if (!(from < to)) throw badInput('from must be before to', 'from');
    // figures, not records: counted in the caller's statistics scope, over whole days and through the control for an analyst
    const period = statisticsPeriod(ctx.identity, from, to);
    const { sql, params } = both(placeCondition(ctx, divisionCode, 'divisionCode', statisticsScope(ctx.identity)), {
      sql: 't.occurred_at >= ? and t.occurred_at < ?',
      params: [period.from, period.to],
    });
    const rows = await ctx.em.execute<Cells[]>(
      `with ${SECRET_CTE}
       select t.community_code, t.type, ${keyedCounts({ count: 'true' })} from incident t ${recordKeyJoin('t.id')} where ${sql} group by t.community_code, t.type order by t.community_code, t.type`,
      [keySecretFor(ctx.identity), ...params],
    );
    return rows.map((r) => ({
      communityCode: String(r.community_code),
      type: r.type as IncidentType,
      count: shownCount(ctx.identity, Number(r.count), Number(r['count:key']) % KEY_MODULUS),
    }));
  }

  @FieldResolver(() => Building, {
    nullable: true,
    description: 'The building it happened in, if any (population resolves the rest)',
  })
  building(@Root() incident: Incident): Building | null {
    return incident.buildingId ? { id: incident.buildingId, communityCode: incident.communityCode } : null;
  }

  @Shared(INCIDENT_DETAILS)
  @ListSize(2)
  @FieldResolver(() => [IncidentParty], {
    nullable: true,
    description: 'The residents involved (涉警人员); public security only',
  })
  parties(@Root() incident: Incident, @Ctx() ctx: PublicSecurityContext): Promise<IncidentParty[]> {
    return ctx.loaders.partiesOfIncident.load(incident.id);
  }
  @Shared(INCIDENT_DETAILS)
  @ListSize(4)
  @FieldResolver(() => [ChangeRecord], {
    nullable: true,
    description: 'Its history (警情流转记录), oldest first, with the notes; public security only',
  })
  history(@Root() record: Incident, @Ctx() ctx: PublicSecurityContext): Promise<ChangeRecord[]> {
    return ctx.loaders.historyOf.load(record.id);
  }
}

@Resolver(() => IncidentParty)
export class IncidentPartyResolver {
  @FieldResolver(() => Resident, { nullable: true, description: 'The resident (population resolves the rest)' })
  async resident(@Root() party: IncidentParty, @Ctx() ctx: PublicSecurityContext): Promise<Resident> {
    return residentAt(party.residentId, (await ctx.loaders.incident.load(party.incidentId)) ?? {});
  }

  @FieldResolver(() => Incident, { nullable: true, description: 'The incident' })
  async incident(@Root() party: IncidentParty, @Ctx() ctx: PublicSecurityContext): Promise<Incident> {
    return (await ctx.loaders.incident.load(party.incidentId))!;
  }
}
