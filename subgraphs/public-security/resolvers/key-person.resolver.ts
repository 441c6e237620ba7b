import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Shared } from '../../../lib/auth/rules';
import { requireId } from '../../../lib/errors';
import { KEY_PERSON_DATA, KeyPerson } from '../entities/key-person';
import { Resident } from '../entities/resident';
import type { PublicSecurityContext } from '../loaders';

@Resolver(() => KeyPerson)
export class KeyPersonResolver {
  @Shared(KEY_PERSON_DATA)
  @Query(() => KeyPerson, { nullable: true, description: 'One key-person record (重点人员) by id, active or not' })
  keyPerson(@Arg('id', () => ID) id: string, @Ctx() ctx: PublicSecurityContext): Promise<KeyPerson | null> {
    return ctx.loaders.keyPerson.load(requireId(id));
  }

  @FieldResolver(() => Resident, { description: 'The resident under supervision (population resolves the rest)' })
  resident(@Root() keyPerson: KeyPerson): Resident {
    return { id: keyPerson.residentId };
  }
}
