import { Field, ID, InputType } from 'type-graphql';
import {
  CivilAffairsCollectionInput,
  PopulationCollectionInput,
  PublicSecurityCollectionInput,
} from '../../../lib/collection/inputs';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../../../lib/writes/idempotency';
import { VisitKind } from '../entities/visit';
import { EventCategory } from '../events/time-limits';

@InputType({
  description: 'An event a visit’s finding raises (走访发现问题上报), reported with the visit in one transaction',
})
export class RaisedEventInput {
  @Field(() => EventCategory)
  category!: EventCategory;

  @Field({ description: 'Title (标题)' })
  title!: string;

  @Field({ description: 'What was found (描述)' })
  description!: string;

  @Field(() => [ID], { nullable: true, description: 'Residents involved (population’s keys)' })
  residentIds?: string[];
}

@InputType({
  description:
    'What a visit collected for the departments that own it (一次采集、多方共享): each part goes to its owner, which applies it, queues it for verification or refuses it under its collection rules (docs/collection-rules.md)',
})
export class VisitCollectionInput {
  @Field(() => PopulationCollectionInput, {
    nullable: true,
    description: 'Facts of household members, new arrivals, departures, and the members’ facts confirmed in person',
  })
  population?: PopulationCollectionInput | null;

  @Field(() => PublicSecurityCollectionInput, { nullable: true, description: 'A let room and its tenants' })
  publicSecurity?: PublicSecurityCollectionInput | null;

  @Field(() => CivilAffairsCollectionInput, {
    nullable: true,
    description: 'Applications filed on residents’ behalf with their consent (代办)',
  })
  civilAffairs?: CivilAffairsCollectionInput | null;
}

@InputType({ description: 'A visit to a household (走访记录)' })
export class RecordVisitInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field(() => ID, { description: 'The household visited (population’s key)' })
  householdId!: string;

  @Field(() => ID, { description: 'The staff member who visited' })
  staffId!: string;

  @Field(() => ID, { nullable: true, description: 'The resident met, if one in particular' })
  residentId?: string;

  @Field(() => Date, { nullable: true, description: 'When; default now; never in the future' })
  visitedAt?: Date;

  @Field(() => VisitKind)
  kind!: VisitKind;

  @Field({ description: 'Findings (走访情况), up to 4000 characters' })
  findings!: string;

  @Field({ nullable: true, description: 'Needs a follow-up visit (需回访); default false' })
  followUpNeeded?: boolean;

  @Field(() => RaisedEventInput, {
    nullable: true,
    description: 'An event the finding raises, reported in the same transaction',
  })
  raiseEvent?: RaisedEventInput;

  @Field(() => VisitCollectionInput, {
    nullable: true,
    description:
      'What the visit collected for each department; the visit’s `parts` say what each owner did with it. Sent again with the same idempotencyKey, the parts not delivered are delivered and nothing is applied twice',
  })
  collected?: VisitCollectionInput;
}
