import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PersonalData } from '../../../lib/auth/rules';
import { locationOfRepresentation } from '../../../lib/auth/scope';
import { Household } from './household';

/** Population's register status, declared here (the same values) only so that a field can @require it. */
export enum ResidentStatus {
  ACTIVE = 'ACTIVE',
  MOVED_OUT = 'MOVED_OUT',
  DECEASED = 'DECEASED',
}
registerEnumType(ResidentStatus, {
  name: 'ResidentStatus',
  description: 'Status in the register (人员状态)',
  valuesConfig: {
    ACTIVE: { description: '在册' },
    MOVED_OUT: { description: '迁出' },
    DECEASED: { description: '死亡' },
  },
});

/**
 * Population's resident, known here by its key; civil affairs adds its welfare fields to it. `household` (and, for
 * `assistanceToStop`, `status`) are population's, sent along by the gateway because those fields @require them:
 * the location for the scope check, the status to tell who has left the register. Neither is stored here.
 */
@Directive('@key(fields: "id")')
@ObjectType()
@PersonalData({ location: locationOfRepresentation })
export class Resident {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field(() => Household, { nullable: true })
  household?: Household | null;

  @Directive('@external')
  @Field(() => ResidentStatus)
  status?: ResidentStatus;
}
