import { badInput } from '../../../lib/errors';
import { formatFen, toFen } from '../money';
import { AssistanceCase } from '../entities/assistance-case';
import { isRecurring, PROGRAM_TERMS } from '../config/programs';
import type { DecideAssistanceCaseInput } from './assistance-case.inputs';

/**
 * An amount in yuan checked exactly (BigInt fen) against the limit `max` (yuan, from configuration) and written back
 * with 2 decimals, e.g. "1395.5" → "1395.50".
 */
export function readAmount(text: string, field: string, max: string, limitOf = 'the limit'): string {
  const fen = toFen(text);
  if (fen === null)
    throw badInput(`${field} "${text}" must be an amount in yuan with at most 2 decimal places, e.g. "1395.50"`, field);
  if (fen <= 0n) throw badInput(`${field} must be more than 0; got "${text}"`, field);
  if (fen > toFen(max)!)
    throw badInput(`${field} must be at most ${formatFen(toFen(max)!)} (${limitOf}); got "${text}"`, field);
  return formatFen(fen);
}

/** An amount for a case of `program`, within the program's configured limit (config/programs.ts). */
export const readProgramAmount = (program: AssistanceCase['program'], text: string, field: string) =>
  readAmount(text, field, PROGRAM_TERMS[program].maxAmount, `the ${program} limit`);

export interface Approval {
  monthlyAmount: string | null;
  oneOffAmount: string | null;
}

/** The amount an approval pays: monthly for 低保/特困, once for 临时救助/大病救助; the other field must stay empty. */
export function readApproval(found: AssistanceCase, input: DecideAssistanceCaseInput): Approval {
  const recurring = isRecurring(found.program);
  const [wanted, other] = recurring
    ? (['monthlyAmount', 'oneOffAmount'] as const)
    : (['oneOffAmount', 'monthlyAmount'] as const);
  const kind = recurring ? 'paid monthly' : 'paid once';
  if (input[other] != null)
    throw badInput(`${found.program} is ${kind}: give the amount as ${wanted}, not ${other}`, other);
  const text = input[wanted];
  if (text == null) throw badInput(`${wanted} is required to approve a ${found.program} case (${kind})`, wanted);
  const amount = readProgramAmount(found.program, text, wanted);
  return recurring ? { monthlyAmount: amount, oneOffAmount: null } : { monthlyAmount: null, oneOffAmount: amount };
}

export function refuseApprovalFields(input: DecideAssistanceCaseInput): void {
  for (const field of ['monthlyAmount', 'oneOffAmount', 'startsOn'] as const) {
    if (input[field] != null) throw badInput(`${field} is only given when approving; leave it out to reject`, field);
  }
}
