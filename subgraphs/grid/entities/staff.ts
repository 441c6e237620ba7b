import { Collection, Entity, Enum, ManyToMany, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { StaffRole } from './enums';
import { Region } from './region';
import { StaffRegion } from './staff-region';

/** `phone` (masked) and `regions` are field resolvers (resolvers/staff.resolver.ts). */
@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A member of the grid workforce (网格力量): grid leaders, grid workers, grid police, building leaders, volunteers',
})
@Entity({ tableName: 'staff' })
export class Staff {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field({ description: 'Name (姓名)' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => StaffRole)
  @Enum({ items: () => StaffRole })
  role!: StaffRole;

  /** stored whole; the GraphQL field is masked */
  @Property({ type: 'text' })
  phone!: string;

  /** the office line (办公电话), public on the grid's contact card (resolvers/contact-card.resolver.ts) */
  @Property({ type: 'text', nullable: true })
  officePhone?: string | null;

  @ManyToMany({ entity: () => Region, pivotEntity: () => StaffRegion })
  regions = new Collection<Region>(this);
}
