import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse, parseAllDocuments } from 'yaml';
import { BINDING_KEY_ENV, bindingKeyFor } from '../lib/auth/forwarded';
import { SECRET_ENV } from '../lib/auth/secrets';
import { RECORD_KEY_ENV, recordKeySecretFor } from '../lib/stats/cell-key';
import {
  DEPARTMENTS,
  GATEWAY_DATABASE_ENV,
  GATEWAY_DEFAULT_PORT,
  GATEWAY_PORT_ENV,
  departmentInfo,
} from '../lib/departments';
import { type Manifest, renderKustomization } from './support/kustomize';
import { ROOT } from './support/launch';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { image: string; command: string[]; environment: Record<string, string> }>;
};
const overlay = renderKustomization(join(ROOT, 'k8s', 'overlays', 'district'));
const base = renderKustomization(join(ROOT, 'k8s', 'base'));

const find = (kind: string, name: string, from = overlay): Manifest => {
  const found = from.filter((m) => m.kind === kind && m.metadata.name === name);
  if (found.length !== 1) throw new Error(`${found.length} ${kind}/${name} in the rendered manifests`);
  return found[0];
};
const containerOf = (workload: Manifest) =>
  workload.spec.template.spec.containers[0] as {
    image: string;
    command: string[];
    env: EnvVar[];
    ports?: { containerPort: number }[];
    readinessProbe?: any;
    livenessProbe?: any;
    resources?: any;
  };
const envOf = (workload: Manifest) =>
  Object.fromEntries(containerOf(workload).env.map((e) => [e.name, e.value ?? e.valueFrom?.secretKeyRef]));
const secretsReadBy = (workload: Manifest) =>
  new Set(containerOf(workload).env.flatMap((e) => (e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef.name] : [])));
const fromSecret = (name: string, key: string) => ({ name, key });

describe('k8s/: the production layout, rendered as kubectl kustomize builds it', () => {
  it('holds exactly a Deployment, Service and HorizontalPodAutoscaler per department and for the gateway, a migration Job per department, two external database Services per department and the namespace', () => {
    const names = (kind: string) =>
      overlay
        .filter((m) => m.kind === kind)
        .map((m) => m.metadata.name)
        .sort();
    const workloads = ['gateway', ...DEPARTMENTS].sort();
    expect(names('Deployment')).toEqual(workloads);
    expect(names('Service')).toEqual([...workloads, ...DEPARTMENTS.flatMap((d) => [`pg-${d}`, `pg-${d}-ro`])].sort());
    expect(names('HorizontalPodAutoscaler')).toEqual(workloads);
    expect(names('Job')).toEqual(DEPARTMENTS.map((d) => `migrate-${d}`).sort());
    expect(names('Namespace')).toEqual(['grid-hub']);
    expect(names('NetworkPolicy')).toEqual(['subgraphs-from-gateway']);
    expect(overlay.length).toBe(workloads.length * 3 + DEPARTMENTS.length * 3 + 2);
    // no Secret is committed: the keys come from `npm run keys -- --kubernetes`, the database URLs from the operator
    expect(names('Secret')).toEqual([]);
    for (const m of overlay.filter((m) => m.kind !== 'Namespace')) expect(m.metadata.namespace).toBe('grid-hub');
  });

  it.each(DEPARTMENTS)(
    '%s: the same process, port, settings and database role as in docker-compose.yml, probes, resources and autoscaling',
    (name) => {
      const info = departmentInfo(name);
      const deployment = find('Deployment', name);
      const container = containerOf(deployment);
      expect(container.command).toEqual(compose.services[name].command);
      expect(container.ports).toEqual([{ name: 'http', containerPort: info.port }]);
      // exactly the variables compose gives the subgraph, with the same plain values, and its keys from its own Secrets
      expect(Object.keys(envOf(deployment)).sort()).toEqual(Object.keys(compose.services[name].environment).sort());
      expect(envOf(deployment)).toEqual({
        [info.portEnv]: compose.services[name].environment[info.portEnv],
        HUB_GATEWAY_URL: compose.services[name].environment.HUB_GATEWAY_URL,
        [info.databaseUrlEnv]: fromSecret(`${name}-database`, info.databaseUrlEnv),
        [SECRET_ENV.gatewayPublicKey]: fromSecret(`${name}-keys`, SECRET_ENV.gatewayPublicKey),
        HUB_BINDING_KEY: fromSecret(`${name}-keys`, BINDING_KEY_ENV),
        HUB_RECORD_KEY: fromSecret(`${name}-keys`, RECORD_KEY_ENV),
      });
      expect(secretsReadBy(deployment)).toEqual(new Set([`${name}-database`, `${name}-keys`]));
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/live', port: 'http' });
      expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(deployment.spec.template.spec.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 1000 });
      expect(deployment.spec.replicas).toBeUndefined();

      const service = find('Service', name);
      expect(service.spec.ports).toEqual([{ name: 'http', port: info.port, targetPort: 'http' }]);
      expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
      const hpa = find('HorizontalPodAutoscaler', name);
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);

      // the migration Job: compose's command, the owner's URL (which nothing else reads) and the application role's
      const job = find('Job', `migrate-${name}`);
      expect(containerOf(job).command).toEqual(compose.services[`migrate-${name}`].command);
      expect(envOf(job)).toEqual({
        [info.ownerUrlEnv]: fromSecret(`${name}-database-owner`, info.ownerUrlEnv),
        [info.databaseUrlEnv]: fromSecret(`${name}-database`, info.databaseUrlEnv),
      });
      const ownerReaders = overlay
        .filter((m) => m.spec?.template && secretsReadBy(m).has(`${name}-database-owner`))
        .map((m) => `${m.kind}/${m.metadata.name}`);
      expect(ownerReaders).toEqual([`Job/migrate-${name}`]);

      // its PostgreSQL outside the cluster: the primary and the read replicas
      const primary = find('Service', `pg-${name}`);
      const replicas = find('Service', `pg-${name}-ro`);
      expect([primary.spec.type, primary.metadata.annotations!['grid-hub/database-role']]).toEqual([
        'ExternalName',
        'primary',
      ]);
      expect([replicas.spec.type, replicas.metadata.annotations!['grid-hub/database-role']]).toEqual([
        'ExternalName',
        'read-replica',
      ]);
    },
  );

  it("the gateway: compose's process and settings, every department at its Service and port, the private key its alone", () => {
    const deployment = find('Deployment', 'gateway');
    const container = containerOf(deployment);
    expect(container.command).toEqual(compose.services.gateway.command);
    expect(container.ports).toEqual([{ name: 'http', containerPort: GATEWAY_DEFAULT_PORT }]);
    expect(Object.keys(envOf(deployment)).sort()).toEqual(Object.keys(compose.services.gateway.environment).sort());
    expect(envOf(deployment)).toEqual({
      [GATEWAY_PORT_ENV]: String(GATEWAY_DEFAULT_PORT),
      ...Object.fromEntries(Object.values(SECRET_ENV).map((key) => [key, fromSecret('gateway-keys', key)])),
      // the store every gateway replica shares (replay ids, public lookup counts)
      [GATEWAY_DATABASE_ENV]: fromSecret('gateway-database', GATEWAY_DATABASE_ENV),
      // the Services are named like compose's services, so the URLs are the same
      ...Object.fromEntries(
        DEPARTMENTS.map((d) => [
          departmentInfo(d).urlEnv,
          compose.services.gateway.environment[departmentInfo(d).urlEnv],
        ]),
      ),
    });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
    expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(find('Service', 'gateway').spec.ports).toEqual([
      { name: 'http', port: GATEWAY_DEFAULT_PORT, targetPort: 'http' },
    ]);
    const readers = overlay
      .filter((m) => m.spec?.template && secretsReadBy(m).has('gateway-keys'))
      .map((m) => m.metadata.name);
    expect(readers).toEqual(['gateway']);
  });

  it('lets only the gateway reach the subgraphs', () => {
    const policy = find('NetworkPolicy', 'subgraphs-from-gateway');
    const selects = (selector: Record<string, string>, workload: Manifest) =>
      Object.entries(selector).every(([k, v]) => workload.spec.template.metadata.labels[k] === v);
    const deployments = overlay.filter((m) => m.kind === 'Deployment');
    expect(
      deployments
        .filter((d) => selects(policy.spec.podSelector.matchLabels, d))
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual([...DEPARTMENTS].sort());
    expect(policy.spec.policyTypes).toEqual(['Ingress']);
    expect(policy.spec.ingress).toHaveLength(1);
    expect(policy.spec.ingress[0].from).toHaveLength(1);
    expect(
      deployments
        .filter((d) => selects(policy.spec.ingress[0].from[0].podSelector.matchLabels, d))
        .map((d) => d.metadata.name),
    ).toEqual(['gateway']);
  });

  it('every container runs the image compose builds; the overlay moves it to the district registry, raises replicas and points population at its servers', () => {
    const images = (from: Manifest[]) => [
      ...new Set(from.filter((m) => m.spec?.template).flatMap((m) => containerOf(m).image)),
    ];
    expect(images(base)).toEqual([compose.services.gateway.image.split(':')[0]]);
    expect(images(overlay)).toEqual(['registry.district.example/grid-governance-hub:0.1.0']);
    expect(find('HorizontalPodAutoscaler', 'gateway').spec.minReplicas).toBe(3);
    expect(find('HorizontalPodAutoscaler', 'gateway', base).spec.minReplicas).toBe(2);
    expect(find('Service', 'pg-population').spec.externalName).toBe('pg-primary.population.district.example');
    expect(find('Service', 'pg-population-ro').spec.externalName).toBe('pg-replicas.population.district.example');
  });

  it('npm run keys -- --kubernetes makes the Secrets the manifests read: the private key only in the gateway’s', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      join(ROOT, 'dist', 'scripts', 'keys.js'),
      '--kubernetes',
    ]);
    const secrets = Object.fromEntries(
      parseAllDocuments(stdout)
        .map((d) => d.toJS() as Manifest)
        .map((s) => [s.metadata.name, s.stringData as Record<string, string>]),
    );
    expect(Object.keys(secrets).sort()).toEqual(['gateway-keys', ...DEPARTMENTS.map((d) => `${d}-keys`)].sort());
    const gateway = secrets['gateway-keys'];
    expect(Object.keys(gateway).sort()).toEqual(Object.values(SECRET_ENV).sort());
    for (const name of DEPARTMENTS) {
      expect(secrets[`${name}-keys`]).toEqual({
        [SECRET_ENV.gatewayPublicKey]: gateway[SECRET_ENV.gatewayPublicKey],
        [BINDING_KEY_ENV]: bindingKeyFor(gateway[SECRET_ENV.gatewayPrivateKey], name).toString('base64url'),
        [RECORD_KEY_ENV]: recordKeySecretFor(gateway[SECRET_ENV.gatewayPrivateKey]).toString('base64url'),
      });
    }
    // every key a workload reads from these Secrets is in them
    for (const m of overlay.filter((m) => m.spec?.template)) {
      for (const e of containerOf(m).env) {
        const ref = e.valueFrom?.secretKeyRef;
        if (ref && secrets[ref.name]) expect(Object.keys(secrets[ref.name])).toContain(ref.key);
      }
    }
  });
});
