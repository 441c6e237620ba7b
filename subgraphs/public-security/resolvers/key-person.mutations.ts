import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_KEY_DESCRIPTION, CreateOnce, withoutKey } from '../../../lib/writes/idempotency';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import type { AccessContext } from '../../../lib/auth/enforce';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import { Shared } from '../../../lib/auth/rules';
import { badInput, notVisible, requireId } from '../../../lib/errors';
import { LocalDate } from '../../../lib/graphql/scalars';
import { ContactMethod } from '../entities/enums';
import { KEY_PERSON_DATA, KeyPerson } from '../entities/key-person';
import { KeyPersonContact } from '../entities/key-person-contact';
import type { PublicSecurityContext } from '../loaders';
import { today } from '../supervision';

@InputType({ description: 'A contact with a key person (见面/联系记录)' })
export class KeyPersonContactInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field(() => ID)
  keyPersonId!: string;

  @Field(() => LocalDate)
  contactedOn!: string;

  @Field(() => ContactMethod)
  method!: ContactMethod;

  @Field({ nullable: true, description: 'What was found (情况记录)' })
  notes?: string;
}

@Resolver()
export class KeyPersonMutations {
  @Shared(KEY_PERSON_DATA)
  @Mutation(() => KeyPerson, {
    description:
      'Adds a contact to a key person’s log (见面记录); the person must be under supervision, in your scope. Public security only',
  })
  async recordKeyPersonContact(
    @Arg('input', () => KeyPersonContactInput) input: KeyPersonContactInput,
    @Ctx() ctx: PublicSecurityContext & AccessContext,
  ): Promise<KeyPerson> {
    const once = new CreateOnce(ctx, 'recordKeyPersonContact', input.idempotencyKey, withoutKey(input), (c, id) =>
      c.em.findOne(KeyPerson, { id }),
    );
    const earlier = await once.earlier();
    if (earlier) return earlier;
    if (input.contactedOn > today()) throw badInput(`contactedOn ${input.contactedOn} is in the future`, 'contactedOn');
    return once.create(async ({ em: tx }) => {
      const keyPerson = await tx.findOne(KeyPerson, { id: requireId(input.keyPersonId, 'keyPersonId') });
      if (!keyPerson) throw notVisible('KeyPerson', input.keyPersonId);
      refuseOutsideScope(ctx, 'KeyPerson', keyPerson.id, keyPerson, () => notVisible('KeyPerson', input.keyPersonId));
      if (!keyPerson.active)
        throw badInput(
          `key person ${keyPerson.id} is no longer under supervision (since ${keyPerson.until})`,
          'keyPersonId',
        );
      if (input.contactedOn < keyPerson.since)
        throw badInput(
          `contactedOn ${input.contactedOn} is before the supervision began (${keyPerson.since})`,
          'contactedOn',
        );
      tx.create(KeyPersonContact, {
        id: randomUUID(),
        keyPersonId: keyPerson.id,
        contactedOn: input.contactedOn,
        method: input.method,
        officer: ctx.identity.name || ctx.identity.subject,
        notes: input.notes?.trim() || null,
      });
      await tx.flush();
      return keyPerson;
    });
  }
}
