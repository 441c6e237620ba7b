import type { FieldRule } from '../../lib/auth/rules';
import type { CorrectableFact, CorrectionDeclaration, FactCall } from '../../lib/corrections';
import { badInput } from '../../lib/errors';
import { residentLocation, WHOLE_ID_NUMBER, WHOLE_PHONE } from './access';
import { readFact } from './collection/facts';
import { ResidentStatus } from './entities/enums';
import { Resident } from './entities/resident';
import type { PopulationContext } from './loaders';
import { factsOf, recordChanges } from './resolvers/resident.history';
import { REGISTRY_STAFF } from './resolvers/resident.mutations';

type Call = FactCall<PopulationContext>;

/** The person's active register entry, read on the call's connection (a transaction's when applying). */
const activeEntry = async ({ ctx, residentId }: Call): Promise<Resident | null> => {
  const resident = await ctx.em.findOne(Resident, { id: residentId });
  return resident?.status === ResidentStatus.ACTIVE ? resident : null;
};

const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

/**
 * A fact of the register entry, read and checked exactly as a collected change of it is (collection/facts.ts: the
 * field's type, the ID number's check digit and the birth date and sex it carries) and applied as a registrar's
 * change is: the history row (resident.history.ts), the entry's version checked and bumped when it is saved.
 */
function registerFact(
  fact: keyof Resident & string,
  label: string,
  mask?: FieldRule,
): CorrectableFact<PopulationContext> {
  return {
    fact,
    label,
    mask,
    async current(call) {
      const resident = await activeEntry(call);
      return resident ? text(resident[fact]) : undefined;
    },
    async problem(call, value) {
      const resident = await activeEntry(call);
      if (!resident) return 'you are not on the active register';
      const read = readFact(call.schema, resident, fact, value);
      return read.ok ? null : read.reason;
    },
    async apply(call, value) {
      const resident = await activeEntry(call);
      const read = resident ? readFact(call.schema, resident, fact, value) : null;
      if (!resident || !read?.ok)
        throw badInput(
          `${read && !read.ok ? read.reason : 'the resident is no longer on the active register'}; reject the request, saying so`,
          'input.id',
        );
      const before = factsOf(resident);
      call.ctx.em.assign(resident, read.set);
      recordChanges(call.ctx.em, call.ctx, resident, before);
    },
  };
}

/** The register's facts of a person that the person may say are wrong; registry staff decide (核实). */
export const populationCorrections: CorrectionDeclaration<PopulationContext> = {
  facts: [
    registerFact('name', '姓名 (name)'),
    registerFact('idNumber', '公民身份号码 (ID number)', {
      sharing: 'UNCONDITIONAL',
      mask: 'ID_NUMBER',
      wholeFor: WHOLE_ID_NUMBER,
    }),
    registerFact('gender', '性别 (gender)'),
    registerFact('birthDate', '出生日期 (birth date)'),
    registerFact('ethnicityCode', '民族 (ethnicity, GB/T 3304 code)'),
    registerFact('phone', '联系电话 (phone)', { sharing: 'UNCONDITIONAL', mask: 'PHONE', wholeFor: WHOLE_PHONE }),
    registerFact('education', '文化程度 (education)'),
    registerFact('maritalStatus', '婚姻状况 (marital status)'),
    registerFact('employmentStatus', '就业状况 (employment)'),
  ],
  async placeOf(ctx, residentId) {
    const resident = await ctx.loaders.resident.load(residentId);
    return resident ? residentLocation(resident, ctx) : null;
  },
  deciders: REGISTRY_STAFF,
};
