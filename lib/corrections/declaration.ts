import type { GraphQLSchema } from 'graphql';
import type { FieldRule } from '../auth/rules';
import type { Location } from '../auth/scope';
import type { RequestContext } from '../context';

/** What a department's fact is asked with: the request (or, to apply, the transaction), the person, its schema. */
export interface FactCall<C extends RequestContext> {
  ctx: C;
  residentId: string;
  /** the department's served schema (a fact may read its field's type, as population's do) */
  schema: GraphQLSchema;
}

/**
 * A fact of a person that the person may say is wrong (PIPL art. 46), declared by the department that owns it, beside
 * its normal change path: how to read it, how to check a value (the field's own validation), how to apply one.
 */
export interface CorrectableFact<C extends RequestContext = RequestContext> {
  /** its name in requests, e.g. "phone" */
  fact: string;
  /** what the person reads, Chinese first: "联系电话 (phone)" */
  label: string;
  /** the value on the person's record now; undefined when the person has no such record at the department */
  current(call: FactCall<C>): Promise<string | null | undefined>;
  /** why `value` cannot be taken (the message the field's own validation gives), or null */
  problem(call: FactCall<C>, value: string): Promise<string | null>;
  /**
   * Applies an accepted value through the department's normal change path, inside the decision's transaction
   * (`call.ctx` is the transaction's): its history row, its version check (a concurrent change is CONFLICT).
   */
  apply(call: FactCall<C>, value: string): Promise<void>;
  /** shown masked to officials who may not see it whole (an ID number, a phone), as the field itself is */
  mask?: FieldRule;
}

/** A department's correctable facts and who decides them. */
export interface CorrectionDeclaration<C extends RequestContext = RequestContext> {
  facts: readonly CorrectableFact<C>[];
  /** where the person's records are (for the officials' scope), or null when the department does not know */
  placeOf(ctx: C, residentId: string): Promise<Location | null>;
  /** the department's officials who list and decide corrections (e.g. registrars and clerks) */
  deciders: FieldRule;
}
