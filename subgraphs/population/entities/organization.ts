import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/postgresql';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { type FieldRule, Shared } from '../../../lib/auth/rules';
import { Building } from './building';
import { OrganizationType } from './enums';

/** An organization's contact person is a natural person: their name and phone are personal data wherever they sit. */
export const CONTACT_PERSON: FieldRule = { sharing: 'UNCONDITIONAL', personal: true };

/** `building` and the masked `contactPhone` are field resolvers (resolvers/organization.resolver.ts). */
@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'An organization in the district (辖区单位): enterprise, shop, public institution, agency or social organization',
})
@Entity({ tableName: 'organization' })
export class Organization {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field({ description: 'Registered name (单位名称)' })
  @Property({ type: 'text' })
  name!: string;

  @Field({ description: 'Unified social credit code (统一社会信用代码), GB 32100, check character verified' })
  @Property({ type: 'string', columnType: 'char(18)', unique: true })
  creditCode!: string;

  @Field(() => OrganizationType)
  @Enum({ items: () => OrganizationType })
  type!: OrganizationType;

  @ManyToOne(() => Building, { ref: true, index: true })
  building!: Ref<Building>;

  @Shared(CONTACT_PERSON)
  @Field(() => String, {
    nullable: true,
    description: 'Contact person (联系人): a person’s name, audited on every read',
  })
  @Property({ type: 'text', nullable: true })
  contactName?: string | null;

  /** stored whole; the GraphQL field is masked */
  @Property({ type: 'text', nullable: true })
  contactPhone?: string | null;
}
