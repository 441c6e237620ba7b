import { Entity, JsonType, PrimaryKey, Property } from '@mikro-orm/postgresql';
import type { CollectedPart } from '../../../lib/collection/outcome';

/**
 * What public security answered a visit's collection (collectRental), kept under the visit's id so a retry answers the
 * same parts; written in the transaction that queues them.
 */
@Entity({ tableName: 'collection_receipt' })
export class CollectionReceipt {
  /** the visit's id, visitIdFor(collector, idempotency key) */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  collectedBy!: string;

  @Property({ type: 'timestamptz' })
  at!: Date;

  @Property({ type: JsonType, columnType: 'jsonb' })
  parts!: CollectedPart[];
}
