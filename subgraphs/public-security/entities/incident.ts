import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { WITHHELD_BY_LAW } from '../../../lib/auth/resident';
import { type FieldRule, PersonalData, Shared } from '../../../lib/auth/rules';
import { placeOfRecord } from '../../../lib/auth/scope';
import { IncidentStatus, IncidentType } from './enums';
import { Collect } from '../../../lib/auth/collect';
import { incidentSubjects } from '../audit-subjects';

/** Who was involved and what was said: the police's own (不予共享). Type, time, place and status are shared. */
export const INCIDENT_DETAILS: FieldRule = {
  sharing: 'NOT_SHARED',
  note: 'who was involved and what happened: public security only',
};

/**
 * An incident reported to the police (警情). Its place is a building, or only the community's division code for one
 * in the street; scoped by that place. `parties` (the residents involved) is a field resolver.
 */
@ObjectType({ description: 'An incident reported to the police (警情)' })
@PersonalData<Incident>({ location: placeOfRecord, subjects: incidentSubjects, withheld: WITHHELD_BY_LAW })
@Collect({
  collect: 'NONE',
  note: 'an incident is recorded by the police who took the call; grid staff report what they see as a grid event',
})
@Entity({ tableName: 'incident' })
@Index({ properties: ['communityCode', 'occurredAt'] })
@Index({ properties: ['buildingId'] })
export class Incident {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field({ description: 'When it happened (发生时间)' })
  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  @Field(() => IncidentType)
  @Enum({ items: () => IncidentType })
  type!: IncidentType;

  @Field(() => IncidentStatus)
  @Enum({ items: () => IncidentStatus })
  status!: IncidentStatus;

  /** population's building key, if it happened in a building */
  @Property({ type: 'uuid', nullable: true })
  buildingId?: string | null;

  @Field({ description: '12-digit division code of the community it happened in (发生地社区)' })
  @Property({ type: 'string', columnType: 'char(12)' })
  communityCode!: string;

  @Shared(INCIDENT_DETAILS)
  @Field(() => String, { nullable: true, description: 'What happened, in brief (简要警情); public security only' })
  @Property({ type: 'text' })
  summary!: string;
}
