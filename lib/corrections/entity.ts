import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import type { CorrectionStatus } from './workflow';

/**
 * A resident's correction request (申请更正, PIPL art. 46) as the owning department keeps it: the same table in every
 * department that declares correctable facts (its migration extends CorrectionRequestMigration). `building_id` and
 * `community_code` are where the person's record was when it was filed: the officials' scope decides by them.
 */
@Entity({ tableName: 'correction_request' })
@Index({ properties: ['residentId'] })
@Index({ properties: ['status', 'dueOn'] })
export class CorrectionRecord {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text', unique: true })
  trackingCode!: string;

  @Property({ type: 'uuid' })
  residentId!: string;

  @Property({ type: 'text' })
  fact!: string;

  @Property({ type: 'text', nullable: true })
  currentValue!: string | null;

  @Property({ type: 'text' })
  requestedValue!: string;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'text' })
  status!: CorrectionStatus;

  @Property({ type: 'text' })
  filedBy!: string;

  @Property({ type: 'timestamptz' })
  filedAt!: Date;

  @Property({ type: 'date' })
  dueOn!: string;

  @Property({ type: 'uuid', nullable: true })
  buildingId!: string | null;

  @Property({ type: 'text', nullable: true })
  communityCode!: string | null;

  @Property({ type: 'text', nullable: true })
  decidedBy!: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  decisionReason!: string | null;

  @Property({ version: true, type: 'integer', default: 1 })
  version!: number;
}
