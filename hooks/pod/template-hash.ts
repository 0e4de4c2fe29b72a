// Which pod-template differences need a new pod. Everything of the pod spec counts (image, resources,
// env, probes, mounts, volumes, scheduling, security contexts, sidecars, init containers …) except the
// `bootstrap.dcs` part of SPILO_CONFIGURATION: Patroni reads it only when the cluster is initialised,
// and on a running cluster the operations Job applies it through PATCH /config (zalando-objects.md §12,
// where Zalando compares SPILO_CONFIGURATION without dcs). Template metadata (labels, annotations)
// never needs a new pod, so it is not hashed.
import { hash } from 'node:crypto';
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import { isMap } from '../observed-shape.js';
import type { SpiloConfiguration } from './spilo-configuration.js';

export const TEMPLATE_HASH_LENGTH = 16;
const SPILO_CONFIGURATION = 'SPILO_CONFIGURATION';

/**
 * SPILO_CONFIGURATION without `bootstrap.dcs`; a value that is not JSON of an object stays as it is. The value the
 * builder wrote comes with that form already (`known`); any other is parsed.
 */
function withoutDcs(value: string, known: SpiloConfiguration | undefined): string {
  if (value === known?.value) return known.withoutDcs;
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

function podRelevant(container: Container, known: SpiloConfiguration | undefined): Container {
  if (!container.env) return container;
  return { ...container, env: container.env.map((e) => (e.name === SPILO_CONFIGURATION && typeof e.value === 'string' ? { ...e, value: withoutDcs(e.value, known) } : e)) };
}

/** The parts of a pod template's spec whose change needs the pod to be recreated (also what `kubectl pg diff` compares). */
export function podRelevantSpec(spec: object | undefined, known?: SpiloConfiguration): Record<string, unknown> {
  const pod = spec as (Record<string, unknown> & { containers?: Container[]; initContainers?: Container[] }) | undefined;
  const relevant = (container: Container) => podRelevant(container, known);
  return pod ? {
    ...pod,
    ...(pod.containers ? { containers: pod.containers.map(relevant) } : {}),
    ...(pod.initContainers ? { initContainers: pod.initContainers.map(relevant) } : {}),
  } : {};
}

/** A hash of the parts of the template whose change needs the pod to be recreated; `known` as for `withoutDcs`. */
export function podTemplateHash(template: IPodTemplateSpec, known?: SpiloConfiguration): string {
  return hash('sha256', JSON.stringify(podRelevantSpec(template.spec, known)), 'hex').slice(0, TEMPLATE_HASH_LENGTH);
}
