import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { CollectionOutcome } from '../../../lib/collection/outcome';

/**
 * One part of what a visit collected, as its owner answered it (or NOT_DELIVERED while the owner did not answer). Grid
 * keeps the answer, never the collected content: the content is the owner's once delivered, and a part not delivered
 * is sent again from the collector's form (docs/grid.md, "One visit, many departments"). Written in the visit's own
 * transaction, always after its visit row.
 */
@Entity({ tableName: 'visit_part' })
@Index({ properties: ['outcome', 'visitId'] })
export class VisitPart {
  @PrimaryKey({ type: 'uuid' })
  visitId!: string;

  @PrimaryKey({ type: 'text' })
  department!: string;

  @PrimaryKey({ type: 'text' })
  part!: string;

  /** the part's place in the visit's answer */
  @Property({ type: 'integer' })
  seq!: number;

  @Enum({ items: () => CollectionOutcome })
  outcome!: CollectionOutcome;

  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @Property({ type: 'uuid', nullable: true })
  worklistItemId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  recordId?: string | null;

  /** a service application's tracking code, for the worker to hand the resident (回执) */
  @Property({ type: 'text', nullable: true })
  trackingCode?: string | null;

  @Property({ type: 'timestamptz' })
  answeredAt!: Date;
}
