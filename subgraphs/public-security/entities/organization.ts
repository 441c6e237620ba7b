import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Population's organization (辖区单位), referenced by key only (population resolves the rest). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Organization {
  @Field(() => ID)
  id!: string;
}
