import { Extensions } from 'type-graphql';

/**
 * What grid staff may do with a fact another department owns, when they collect it on a visit (一次采集、多方共享):
 * - DIRECT (直接更新): applied at once, with a history row naming the collector and the visit;
 * - PROPOSE (提交核实): queued as a pending change in the owner's worklist, applied when one of the owner's officials
 *   verifies it, or rejected with a reason the collector sees;
 * - NONE (不可采集): refused; only the owner changes it.
 */
export type CollectionClass = 'DIRECT' | 'PROPOSE' | 'NONE';

export const COLLECTION_TERMS: Record<CollectionClass, string> = {
  DIRECT: '直接更新',
  PROPOSE: '提交核实',
  NONE: '不可采集',
};

export interface CollectionRule {
  collect: CollectionClass;
  /** why, shown in the rules table (README, docs/collection-rules.md) */
  note?: string;
  /**
   * the owning department, for a declaration on a shared type that the owner and grid both declare (the inputs of
   * lib/collection/inputs.ts); by default the department whose subgraph holds it
   */
  department?: string;
}

/**
 * Declares, next to a field (or on a class, for a record collected whole such as a new arrival), whether grid staff
 * may collect it: read by the owner's collection code and listed by `npm run compose`.
 */
export const Collect = (rule: CollectionRule) => Extensions({ collection: rule });
