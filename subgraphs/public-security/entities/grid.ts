import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Grid's `Grid` (a grid region, by its id), as a federation stub: public security adds what the public may know of
 * the grid's police (公开网格民警信息), which grid's contact card shows without a token.
 */
@Directive('@key(fields: "id")')
@ObjectType()
export class Grid {
  @Field(() => ID)
  id!: string;
}

/** A grid police officer as anyone may see them: no badge number, no staff key, no history. */
@ObjectType({
  description: 'A grid police officer on the public contact card (网格民警): name and the station to call',
})
export class GridPoliceContact {
  @Field({ description: 'Role (职务): 网格民警' })
  roleName!: string;

  @Field({ description: 'Officer’s name (民警姓名)' })
  name!: string;

  @Field({ description: 'Police station (派出所)' })
  policeStation!: string;

  @Field({ description: 'The police station’s duty phone (派出所值班电话)' })
  stationPhone!: string;
}
