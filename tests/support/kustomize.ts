import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  [field: string]: unknown;
}

interface Replacement {
  source: { kind: string; name?: string; fieldPath: string };
  targets: {
    select: { kind: string; name?: string };
    fieldPaths: string[];
    options?: { delimiter?: string; index?: number };
  }[];
}

interface Kustomization {
  kind?: string;
  resources?: string[];
  components?: string[];
  replacements?: Replacement[];
  namespace?: string;
  labels?: { pairs: Record<string, string> }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { target: { kind: string; name?: string; labelSelector?: string }; patch: string }[];
}

const CLUSTER_WIDE = new Set(['Namespace']);
/** Objects only the kustomization reads (a component's values): never in the output. */
const LOCAL_CONFIG = 'config.kubernetes.io/local-config';

/**
 * A replacement's field path: keys and array indexes joined by dots, `[key.with.dots]` for a key, `[name=value]` for
 * the element of a list whose `name` is `value`; the parent of the last step and that step's key.
 */
function resolve(root: any, fieldPath: string): { parent: any; key: string | number } {
  const steps = fieldPath.match(/\[[^\]]*\]|[^.[\]]+/g) ?? [];
  let node = root;
  const keyAt = (at: any, step: string): string | number => {
    const bracket = /^\[(.*)\]$/.exec(step);
    if (bracket?.[1].includes('=')) {
      const [field, value] = bracket[1].split('=');
      const index = Array.isArray(at) ? at.findIndex((e) => e?.[field] === value) : -1;
      if (index < 0) throw new Error(`no element ${step} at ${fieldPath}`);
      return index;
    }
    const key = bracket ? bracket[1] : step;
    return Array.isArray(at) ? Number(key) : key;
  };
  for (const step of steps.slice(0, -1)) {
    node = node?.[keyAt(node, step)];
    if (node === undefined) throw new Error(`unable to find ${fieldPath}`);
  }
  const key = keyAt(node, steps[steps.length - 1]);
  if (node?.[key] === undefined) throw new Error(`unable to find ${fieldPath}`);
  return { parent: node, key };
}

/** Kustomize's replacements: a source field's value into target fields, whole or as one part split by a delimiter. */
function replace(manifests: Manifest[], { source, targets: into }: Replacement): void {
  const sources = manifests.filter((m) => m.kind === source.kind && (!source.name || m.metadata.name === source.name));
  if (sources.length !== 1) throw new Error(`replacement source ${JSON.stringify(source)} matches ${sources.length}`);
  const { parent, key } = resolve(sources[0], source.fieldPath);
  const value = parent[key];
  for (const { select, fieldPaths, options } of into) {
    const selected = manifests.filter(
      (m) => m.kind === select.kind && (!select.name || m.metadata.name === select.name),
    );
    if (selected.length === 0) throw new Error(`replacement target ${JSON.stringify(select)} matches nothing`);
    for (const manifest of selected)
      for (const fieldPath of fieldPaths) {
        const at = resolve(manifest, fieldPath);
        if (!options?.delimiter) at.parent[at.key] = value;
        else {
          const parts = String(at.parent[at.key]).split(options.delimiter);
          if ((options.index ?? 0) >= parts.length) throw new Error(`index ${options.index} past ${fieldPath}`);
          parts[options.index ?? 0] = String(value);
          at.parent[at.key] = parts.join(options.delimiter);
        }
      }
  }
}

/** JSON 6902 `replace` and `add` on a path of object keys and array indexes (`add` at `-` appends to an array). */
function applyOperation(target: any, op: { op: string; path: string; value: unknown }): void {
  if (op.op !== 'replace' && op.op !== 'add') throw new Error(`this renderer knows replace and add, not ${op.op}`);
  const keys = op.path.split('/').slice(1);
  const last = keys.pop()!;
  const parent = keys.reduce((node, key) => node[key], target);
  if (op.op === 'replace' && !(last in parent)) throw new Error(`replace of a missing ${op.path}`);
  if (op.op === 'add' && Array.isArray(parent)) parent.splice(last === '-' ? parent.length : Number(last), 0, op.value);
  else parent[last] = op.value;
}

/** Whether a patch's target (kind, then an optional name and `key=value,…` label selector) selects `manifest`. */
function targets(target: { name?: string; labelSelector?: string }, manifest: Manifest): boolean {
  if (target.name && manifest.metadata.name !== target.name) return false;
  for (const pair of target.labelSelector?.split(',') ?? []) {
    const [key, value] = pair.split('=');
    if (value === undefined) throw new Error(`this renderer knows key=value label selectors, not ${pair}`);
    if (manifest.metadata.labels?.[key.trim()] !== value.trim()) return false;
  }
  return true;
}

function containersOf(manifest: Manifest): { image?: string }[] {
  const pod = manifest.spec?.template?.spec;
  return [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])];
}

/**
 * What `kubectl kustomize <dir>` builds, for the transformers this repository's kustomizations use: resources (files
 * and other kustomizations), components (applied to what the including kustomization holds), replacements,
 * namespace, labels (metadata only), images and JSON 6902 patches; local-config objects are left out. Anything else
 * is refused, so a kustomization that outgrows this renderer fails the test instead of being rendered wrongly.
 */
export function renderKustomization(dir: string, including: Manifest[] = []): Manifest[] {
  const kustomization = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as Kustomization &
    Record<string, unknown>;
  const known = new Set([
    'apiVersion',
    'kind',
    'resources',
    'components',
    'replacements',
    'namespace',
    'labels',
    'images',
    'patches',
  ]);
  const unknown = Object.keys(kustomization).filter((k) => !known.has(k));
  if (unknown.length)
    throw new Error(`${dir}/kustomization.yaml uses ${unknown.join(', ')}, which this renderer does not apply`);

  const component = kustomization.kind === 'Component';
  let manifests: Manifest[] = [
    ...including,
    ...(kustomization.resources ?? []).flatMap((resource) => {
      const path = join(dir, resource);
      if (!/\.ya?ml$/.test(resource)) return renderKustomization(path);
      return parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJS() as Manifest);
    }),
  ];
  for (const path of kustomization.components ?? []) manifests = renderKustomization(join(dir, path), manifests);
  for (const replacement of kustomization.replacements ?? []) replace(manifests, replacement);
  for (const manifest of manifests) {
    if (kustomization.namespace && !CLUSTER_WIDE.has(manifest.kind))
      manifest.metadata.namespace = kustomization.namespace;
    for (const { pairs } of kustomization.labels ?? [])
      manifest.metadata.labels = { ...manifest.metadata.labels, ...pairs };
    for (const container of containersOf(manifest)) {
      const image = kustomization.images?.find(
        (i) => container.image === i.name || container.image?.startsWith(`${i.name}:`),
      );
      if (image) container.image = `${image.newName ?? image.name}${image.newTag ? `:${image.newTag}` : ''}`;
    }
  }
  for (const { target, patch } of kustomization.patches ?? []) {
    const matches = manifests.filter((m) => m.kind === target.kind && targets(target, m));
    // a patch by name must find its object; one by kind or labels may apply to several
    if (matches.length === 0 || (target.name && matches.length !== 1))
      throw new Error(`patch target ${JSON.stringify(target)} matches ${matches.length} manifests`);
    for (const manifest of matches)
      for (const op of parse(patch) as { op: string; path: string; value: unknown }[]) applyOperation(manifest, op);
  }
  return component ? manifests : manifests.filter((m) => m.metadata.annotations?.[LOCAL_CONFIG] !== 'true');
}
