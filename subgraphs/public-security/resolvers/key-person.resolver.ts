import { ChangeRecord } from '../entities/change';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Shared } from '../../../lib/auth/rules';
import { findPageWhere } from '../../../lib/graphql/page-query';
import { requireId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { ConnectionType, PageArgs, readPage } from '../../../lib/graphql/paging';
import { LocalDate } from '../../../lib/graphql/scalars';
import { KEY_PERSON_DATA, KeyPerson } from '../entities/key-person';
import { KeyPersonContact } from '../entities/key-person-contact';
import { Resident } from '../entities/resident';
import type { PublicSecurityContext } from '../loaders';
import { both, placeCondition, residentAt } from '../places';
import { addDays } from '../seed.dates';
import { CONTACT_INTERVAL_DAYS, KEY_PERSON_CONTACT_DUE, today } from '../supervision';

export const KeyPersonConnection = ConnectionType(KeyPerson, 'KeyPerson');

@Resolver(() => KeyPerson)
export class KeyPersonResolver {
  @Shared(KEY_PERSON_DATA)
  @Query(() => KeyPerson, { nullable: true, description: 'One key-person record (重点人员) by id, active or not' })
  keyPerson(@Arg('id', () => ID) id: string, @Ctx() ctx: PublicSecurityContext): Promise<KeyPerson | null> {
    return ctx.loaders.keyPerson.load(requireId(id));
  }

  @Shared(KEY_PERSON_DATA)
  @Query(() => KeyPersonConnection, {
    nullable: true,
    description:
      'Key persons under supervision whose contact is overdue (见面逾期): the last contact (or the start of supervision) is more than 7, 30 or 90 days ago ' +
      'by risk level, inside your data scope (and `divisionCode`, if given), ordered by id. Public security only',
  })
  overdueKeyPersonContacts(
    @Args() paging: PageArgs,
    @Arg('divisionCode', () => String, {
      nullable: true,
      description: 'District (6 digits), street (9) or community (12)',
    })
    divisionCode: string | undefined,
    @Ctx() ctx: PublicSecurityContext,
  ) {
    const overdue = { sql: `t.active and ${KEY_PERSON_CONTACT_DUE} < ?::date`, params: [today()] };
    return findPageWhere(
      ctx.em,
      KeyPerson,
      'key_person',
      both(placeCondition(ctx, divisionCode), overdue),
      readPage(paging),
    );
  }

  @FieldResolver(() => Resident, {
    nullable: true,
    description: 'The resident under supervision (population resolves the rest)',
  })
  resident(@Root() keyPerson: KeyPerson): Resident {
    return residentAt(keyPerson.residentId, keyPerson);
  }

  /** contact every week to every quarter; the log shows the latest first */
  @ListSize(6)
  @FieldResolver(() => [KeyPersonContact], {
    nullable: true,
    description: 'The contact log (见面/联系记录), latest first',
  })
  contacts(@Root() keyPerson: KeyPerson, @Ctx() ctx: PublicSecurityContext): Promise<KeyPersonContact[]> {
    return ctx.loaders.contactsOfKeyPerson.load(keyPerson.id);
  }

  @FieldResolver(() => LocalDate, { nullable: true, description: 'The last contact (最近见面日期); null if none yet' })
  async lastContactOn(@Root() keyPerson: KeyPerson, @Ctx() ctx: PublicSecurityContext): Promise<string | null> {
    return (await ctx.loaders.contactsOfKeyPerson.load(keyPerson.id))[0]?.contactedOn ?? null;
  }

  @FieldResolver(() => LocalDate, {
    description:
      'When the next contact is due: the last (or the start of supervision) plus 7, 30 or 90 days by risk level',
  })
  async nextContactDue(@Root() keyPerson: KeyPerson, @Ctx() ctx: PublicSecurityContext): Promise<string> {
    return addDays(
      (await this.lastContactOn(keyPerson, ctx)) ?? keyPerson.since,
      CONTACT_INTERVAL_DAYS[keyPerson.riskLevel],
    );
  }
  @ListSize(4)
  @FieldResolver(() => [ChangeRecord], {
    description: 'Its history (列管、撤管记录), oldest first, with the reasons; public security only',
  })
  history(@Root() record: KeyPerson, @Ctx() ctx: PublicSecurityContext): Promise<ChangeRecord[]> {
    return ctx.loaders.historyOf.load(record.id);
  }
}
