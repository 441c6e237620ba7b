import { Entity, Enum, Index, PrimaryKey } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { IncidentRole } from './enums';
import { Collect } from '../../../lib/auth/collect';

/** A resident involved in an incident (涉警人员). `resident` and `incident` are field resolvers. */
@ObjectType({ description: 'A resident involved in an incident (涉警人员)' })
@Collect({
  collect: 'NONE',
  note: 'who was involved in an incident is the police’s finding, not a visit’s',
})
@Entity({ tableName: 'incident_party' })
export class IncidentParty {
  @PrimaryKey({ type: 'uuid' })
  incidentId!: string;

  /** population's resident key */
  @Index()
  @PrimaryKey({ type: 'uuid' })
  residentId!: string;

  @Field(() => IncidentRole)
  @Enum({ items: () => IncidentRole })
  role!: IncidentRole;
}
