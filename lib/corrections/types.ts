import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PersonalData } from '../auth/rules';
import { placeOfRecord } from '../auth/scope';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../writes/idempotency';
import { LocalDate } from '../graphql/scalars';
import { ConnectionType } from '../graphql/paging';

/** Where a correction request stands (办理状态), as GraphQL names it. */
export const CorrectionStatusValue = { PENDING: 'PENDING', ACCEPTED: 'ACCEPTED', REJECTED: 'REJECTED' } as const;
registerEnumType(CorrectionStatusValue, {
  name: 'CorrectionStatus',
  description: 'Where a correction request stands (办理状态)',
  valuesConfig: {
    PENDING: { description: '待处理 — waiting for the owning department' },
    ACCEPTED: { description: '予以更正 — accepted and applied to the record' },
    REJECTED: { description: '不予更正 — rejected; `decisionReason` says why' },
  },
});

export const CorrectionDecisionValue = { ACCEPT: 'ACCEPT', REJECT: 'REJECT' } as const;
registerEnumType(CorrectionDecisionValue, {
  name: 'CorrectionDecision',
  description: 'An official’s decision on a correction request',
  valuesConfig: {
    ACCEPT: { description: '予以更正 — apply the requested value' },
    REJECT: { description: '不予更正 — keep the record; give the reason the resident reads' },
  },
});

/**
 * A resident's request to correct a fact of their record (申请更正), as the owning department answers it: to the
 * resident (their own) and to the department's officials in their scope (the worklist). A value type every
 * department that takes corrections declares alike.
 */
@Directive('@shareable')
@PersonalData({ location: (request: CorrectionRequest) => placeOfRecord(request) })
@ObjectType({ description: 'A resident’s request to correct a fact of their record (申请更正, PIPL art. 46)' })
export class CorrectionRequest {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'What the resident follows it by (查询码), groups of four' })
  trackingCode!: string;

  @Field({ description: 'The department that owns the fact, e.g. POPULATION' })
  department!: string;

  @Field({ description: 'The fact, e.g. "phone"' })
  fact!: string;

  @Field({ description: 'The fact in words, Chinese first: "联系电话 (phone)"' })
  label!: string;

  @Field(() => ID, { description: 'The resident it is about (Resident id)' })
  residentId!: string;

  @Field(() => String, { nullable: true, description: 'The value on the record when it was filed' })
  currentValue!: string | null;

  @Field({ description: 'The value the resident says is right (更正为)' })
  requestedValue!: string;

  @Field({ description: 'Why the resident says the record is wrong (更正理由)' })
  reason!: string;

  @Field(() => CorrectionStatusValue)
  status!: string;

  @Field({ description: 'When it was filed (申请时间)' })
  filedAt!: Date;

  @Field(() => LocalDate, { description: 'The last working day to decide it on time (办理期限)' })
  dueOn!: string;

  @Field({ description: 'Still pending after its due day (逾期)' })
  overdue!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The official’s reason (a rejection’s is required), for the resident',
  })
  decisionReason!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was decided (办结时间)' })
  decidedAt!: Date | null;

  @Field(() => Int, { description: 'Sent back with a decision: refused with CONFLICT if it has changed since' })
  version!: number;

  /** where the person's record was when it was filed (the officials' scope decides by it); not a field */
  buildingId!: string | null;
  communityCode!: string | null;
}

export const CorrectionRequestConnection = ConnectionType(CorrectionRequest, 'CorrectionRequest', { shareable: true });

@Directive('@shareable')
@ObjectType({
  description: 'A fact of a person that the person may ask the owning department to correct (可申请更正的信息)',
})
export class CorrectableFact {
  @Field({ description: 'The department that owns it, e.g. POPULATION' })
  department!: string;

  @Field({ description: 'Its name in requestCorrection, e.g. "phone"' })
  fact!: string;

  @Field({ description: 'In words, Chinese first: "联系电话 (phone)"' })
  label!: string;
}

@InputType({ description: 'A correction a resident files of their own record (申请更正)' })
export class FileCorrectionInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field({ description: 'The fact that is wrong (one of the department’s correctable facts)' })
  fact!: string;

  @Field({ description: 'What it should be, as the fact is written (a date YYYY-MM-DD, a code, a number)' })
  correctValue!: string;

  @Field({ description: 'Why the record is wrong, for the official who decides (1 to 500 characters)' })
  reason!: string;
}

@InputType({ description: 'An official’s decision on a correction request' })
export class DecideCorrectionInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read: CONFLICT if the request has changed since' })
  version!: number;

  @Field(() => CorrectionDecisionValue)
  decision!: 'ACCEPT' | 'REJECT';

  @Field(() => String, {
    nullable: true,
    description: 'Required to reject (1 to 500 characters): the resident reads it',
  })
  reason?: string | null;
}
