import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ForwardedIdentity } from '../../lib/auth/forwarded';
import {
  ServiceApplication,
  ServiceApplicationStep,
  type ServiceKind,
  ServiceStatus,
} from './entities/service-application';
import type { Applicant } from './resolvers/applicant-place';
import { WAITING } from './service-workflow';
import { newTrackingCode } from './tracking-code';

/** A new service application, SUBMITTED with a new tracking code, and the first step of its timeline. */
export function newServiceApplication(
  tx: EntityManager,
  identity: ForwardedIdentity,
  application: { residentId: string; kind: ServiceKind; place: Applicant['place']; note: string | null; at: Date },
): ServiceApplication {
  const created = tx.create(ServiceApplication, {
    id: randomUUID(),
    residentId: application.residentId,
    kind: application.kind,
    status: ServiceStatus.SUBMITTED,
    trackingCode: newTrackingCode(),
    submittedAt: application.at,
    updatedAt: application.at,
    steps: 1,
    ...application.place,
  });
  tx.create(ServiceApplicationStep, {
    id: randomUUID(),
    applicationId: created.id,
    position: 1,
    status: ServiceStatus.SUBMITTED,
    at: application.at,
    actor: identity.subject,
    note: application.note,
  });
  return created;
}

/**
 * The resident's application of this kind still being handled, if any: an application filed on their behalf is
 * refused while one is open (the resident may have handed it in at the centre already). Two filings for one resident
 * and kind at once queue on a transaction lock here, so the second sees the first.
 */
export async function openApplicationOf(
  tx: EntityManager,
  residentId: string,
  kind: ServiceKind,
): Promise<ServiceApplication | null> {
  await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`service_application:${residentId}:${kind}`]);
  return tx.findOne(ServiceApplication, { residentId, kind, status: { $in: [...WAITING] } });
}
