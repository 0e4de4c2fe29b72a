// The data volume claim and the pod volumes: sizes, selectors, and additional or TLS volumes whose
// names or mount paths would collide with each other or with the volumes the operator adds.
import type { OperatorConfig } from '../../schemas/config.js';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import { labelValue, qualifiedName } from '../api-rules/identifiers.js';
import type { Cluster } from '../cluster.js';
import { names } from '../names.js';
import { sidecarContainers } from '../pod/sidecars.js';
import { mountsFor, pgdataMount, podVolumes, POSTGRES_CONTAINER, tlsVolumes } from '../pod/volumes.js';
import { compareQuantities } from '../quantity.js';
import { duplicates, refused, type Violation } from './violation.js';

type Selector = NonNullable<PostgresSpec['volume']['selector']>;

/** metav1 ValidateLabelSelector: qualified keys, label values, and values only where the operator takes them. */
function selectorViolations(path: string, selector: Selector | undefined): Violation[] {
  if (!selector) return [];
  const violations = Object.entries(selector.matchLabels ?? {}).flatMap(([key, value]) => [
    ...refused(`${path}.matchLabels`, key, qualifiedName(key)),
    ...refused(`${path}.matchLabels.${key}`, value, labelValue(value)),
  ]);
  (selector.matchExpressions ?? []).forEach((expression, i) => {
    const at = `${path}.matchExpressions.${i}`;
    violations.push(...refused(`${at}.key`, expression.key, qualifiedName(expression.key)));
    const values = expression.values ?? [];
    const needsValues = expression.operator === 'In' || expression.operator === 'NotIn';
    if (needsValues && values.length === 0) violations.push({ path: `${at}.values`, message: `must not be empty for ${expression.operator}` });
    if (!needsValues && values.length > 0) violations.push({ path: `${at}.values`, message: `must be empty for ${expression.operator}` });
    values.forEach((value, j) => violations.push(...refused(`${at}.values.${j}`, value, labelValue(value))));
  });
  return violations;
}

function dataVolumeViolations(spec: PostgresSpec): Violation[] {
  const violations = selectorViolations('spec.volume.selector', spec.volume.selector);
  if (compareQuantities(spec.volume.size, '0') <= 0) violations.push({ path: 'spec.volume.size', message: 'must be greater than zero' });
  return violations;
}

/** Additional and TLS volumes share the pod's volume names with the operator's own (dshm, postgresql-run, the secret mount) and pgdata. */
function volumeNameViolations(spec: PostgresSpec, config: OperatorConfig): Violation[] {
  const operator = [names.pgdataVolume, ...podVolumes({ ...spec, additionalVolumes: [], tls: undefined }, config).map((v) => v.volume.name)];
  const declared = [
    ...(spec.additionalVolumes ?? []).map((v, i) => ({ name: v.name, path: `spec.additionalVolumes.${i}.name` })),
    ...tlsVolumes(spec).map((v, i) => ({ name: v.name, path: i === 0 ? 'spec.tls.secretName' : 'spec.tls.caSecretName' })),
  ];
  const violations: Violation[] = [];
  for (const { name, index } of duplicates([...operator, ...declared.map((d) => d.name)])) {
    if (index < operator.length) continue;
    const clash = operator.includes(name) ? 'the operator mounts a volume of that name' : 'another volume of the pod has that name';
    violations.push({ path: declared[index - operator.length]!.path, message: `${JSON.stringify(name)} cannot name a volume: ${clash}` });
  }
  (spec.additionalVolumes ?? []).forEach((volume, i) => {
    const sources = Object.keys(volume.volumeSource ?? {});
    if (sources.length !== 1) violations.push({ path: `spec.additionalVolumes.${i}.volumeSource`, message: `must name exactly one volume type (it names ${sources.length})` });
  });
  return violations;
}

/** The manifest field a mount path comes from, when it comes from the manifest. */
function mountPathField(spec: PostgresSpec, mountPath: string): string | undefined {
  const index = (spec.additionalVolumes ?? []).findIndex((v) => v.mountPath === mountPath);
  if (index >= 0) return `spec.additionalVolumes.${index}.mountPath`;
  return tlsVolumes(spec).some((v) => v.mountPath === mountPath) ? 'spec.tls' : undefined;
}

/** Within one container every mount path is used once; the operator's mounts (e.g. /dev/shm) count. */
function mountPathViolations(cluster: Cluster, config: OperatorConfig): Violation[] {
  const volumes = podVolumes(cluster.spec, config);
  const pgdata = pgdataMount(cluster.spec);
  const containers = [
    { name: POSTGRES_CONTAINER, mounts: [pgdata, ...mountsFor(POSTGRES_CONTAINER, volumes)] },
    ...sidecarContainers(cluster, config, pgdata).map((c) => ({ name: c.name, mounts: [...(c.volumeMounts ?? []), ...mountsFor(c.name, volumes)] })),
  ];
  const violations: Violation[] = [];
  for (const container of containers) {
    for (const { name: mountPath } of duplicates(container.mounts.map((m) => m.mountPath))) {
      const path = mountPathField(cluster.spec, mountPath);
      const users = container.mounts.filter((m) => m.mountPath === mountPath).map((m) => m.name).join(' and ');
      if (path) violations.push({ path, message: `${JSON.stringify(mountPath)} is mounted twice in container ${container.name} (${users})` });
    }
  }
  return violations;
}

export function volumeViolations(cluster: Cluster, config: OperatorConfig): Violation[] {
  return [...dataVolumeViolations(cluster.spec), ...volumeNameViolations(cluster.spec, config), ...mountPathViolations(cluster, config)];
}
