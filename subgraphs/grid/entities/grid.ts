import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A grid (网格) as an entity other departments contribute fields to: public security adds the officers it assigns
 * (`policeOfficers`), which the public contact card shows beside grid's own people. Grid resolves a reference to a
 * region of level GRID (schema.ts); its key is the Region's id.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A grid (网格), by the id of its Region; departments add what they know of it' })
export class Grid {
  @Field(() => ID)
  id!: string;
}
