// Which pod-template differences need a new pod. Everything of the pod spec counts (image, resources,
// env, probes, mounts, volumes, scheduling, security contexts, sidecars, init containers …) except the
// `bootstrap.dcs` part of SPILO_CONFIGURATION: Patroni reads it only when the cluster is initialised,
// and on a running cluster the operations Job applies it through PATCH /config (zalando-objects.md §12,
// where Zalando compares SPILO_CONFIGURATION without dcs). Template metadata (labels, annotations)
// never needs a new pod, so it is not hashed.
import { createHash } from 'node:crypto';
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import { isMap } from '../observed-shape.js';

export const TEMPLATE_HASH_LENGTH = 16;
const SPILO_CONFIGURATION = 'SPILO_CONFIGURATION';

/** SPILO_CONFIGURATION without `bootstrap.dcs`; a value that is not JSON of an object stays as it is. */
function withoutDcs(value: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return value;
  }
  if (!isMap(parsed) || !isMap(parsed.bootstrap)) return value;
  const { dcs: _dcs, ...bootstrap } = parsed.bootstrap;
  return JSON.stringify({ ...parsed, bootstrap });
}

type Container = { env?: Array<{ name: string; value?: string }> } & Record<string, unknown>;

function podRelevant(container: Container): Container {
  if (!container.env) return container;
  return { ...container, env: container.env.map((e) => (e.name === SPILO_CONFIGURATION && typeof e.value === 'string' ? { ...e, value: withoutDcs(e.value) } : e)) };
}

/** The parts of a pod template's spec whose change needs the pod to be recreated (also what `kubectl pg diff` compares). */
export function podRelevantSpec(spec: object | undefined): Record<string, unknown> {
  const pod = spec as (Record<string, unknown> & { containers?: Container[]; initContainers?: Container[] }) | undefined;
  return pod ? {
    ...pod,
    ...(pod.containers ? { containers: pod.containers.map(podRelevant) } : {}),
    ...(pod.initContainers ? { initContainers: pod.initContainers.map(podRelevant) } : {}),
  } : {};
}

/** A hash of the parts of the template whose change needs the pod to be recreated. */
export function podTemplateHash(template: IPodTemplateSpec): string {
  return createHash('sha256').update(JSON.stringify(podRelevantSpec(template.spec))).digest('hex').slice(0, TEMPLATE_HASH_LENGTH);
}
