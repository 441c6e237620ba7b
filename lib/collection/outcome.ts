import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** What became of one part of what a visit collected. */
export enum CollectionOutcome {
  APPLIED = 'APPLIED',
  PENDING_VERIFICATION = 'PENDING_VERIFICATION',
  REFUSED = 'REFUSED',
  NOT_DELIVERED = 'NOT_DELIVERED',
}
registerEnumType(CollectionOutcome, {
  name: 'CollectionOutcome',
  description: 'What became of one part of what a visit collected (采集结果)',
  valuesConfig: {
    APPLIED: { description: '已更新 — the owner applied it at once' },
    PENDING_VERIFICATION: { description: '待核实 — in the owner’s worklist until one of its officials verifies it' },
    REFUSED: { description: '未采纳 — refused; `reason` says why' },
    NOT_DELIVERED: {
      description: '未送达 — the owning department did not answer; send the same visit again (same key) to deliver it',
    },
  },
});

/** One part of a visit's collection, as its owner answered it. Owners return it; grid keeps it on the visit. */
@Directive('@shareable')
@ObjectType({ description: 'One part of what a visit collected, and what its owner did with it (采集事项)' })
export class CollectedPart {
  @Field({ description: 'The department that owns the part: POPULATION, PUBLIC_SECURITY, CIVIL_AFFAIRS or GRID' })
  department!: string;

  @Field({
    description: 'Which part of the form, as sent: e.g. "facts[0] phone", "arrivals[0]", "rental", "applications[1]"',
  })
  part!: string;

  @Field(() => CollectionOutcome)
  outcome!: CollectionOutcome;

  @Field(() => String, { nullable: true, description: 'Why it was refused or not delivered (原因)' })
  reason?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The owner’s worklist item (待核实事项) while PENDING_VERIFICATION, and after it is decided',
  })
  worklistItemId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The record it made or changed, once applied' })
  recordId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The tracking code (查询码) of an application filed on the resident’s behalf, for the collector to hand to the resident (回执); they follow it with serviceProgress',
  })
  trackingCode?: string | null;
}
