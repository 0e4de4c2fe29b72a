// Containers of the database pods as the API server checks them: names, images, ports, the
// environment and resources. Sidecars and init containers come from the manifest; their names
// must not collide with each other or with the containers the operator adds.
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IContainerPort } from 'kubernetes-models/v1/ContainerPort';
import type { IEnvFromSource } from 'kubernetes-models/v1/EnvFromSource';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';
import type { OperatorConfig } from '../../schemas/config.js';
import {
  containerImage, dataKey, dns1123Label, dns1123Subdomain, envVarName, portName, portNumber, qualifiedName, relativeSubPath,
} from '../api-rules/identifiers.js';
import type { Cluster } from '../cluster.js';
import { names } from '../names.js';
import { sidecarContainers } from '../pod/sidecars.js';
import { pgdataMount, podVolumes, POSTGRES_CONTAINER } from '../pod/volumes.js';
import { duplicates, refused, type Violation } from './violation.js';

const PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP']);
const FIELD_PATHS = new Set([
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
]);
const SUBSCRIPTED_FIELD = /^metadata\.(labels|annotations)\['(.*)'\]$/;
const RESOURCE_FIELDS = new Set(['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage']);
const HUGEPAGES_FIELD = /^(limits|requests)\.hugepages-/;

function portViolations(path: string, ports: IContainerPort[] | undefined): Violation[] {
  const list = ports ?? [];
  const violations = list.flatMap((port, i) => [
    ...(port.containerPort ? portNumber(port.containerPort) : ['is required']).map((message) => ({ path: `${path}.${i}.containerPort`, message })),
    ...(port.hostPort ? portNumber(port.hostPort).map((message) => ({ path: `${path}.${i}.hostPort`, message })) : []),
    ...(port.name ? refused(`${path}.${i}.name`, port.name, portName(port.name)) : []),
    ...(port.protocol && !PROTOCOLS.has(port.protocol) ? [{ path: `${path}.${i}.protocol`, message: 'must be TCP, UDP or SCTP' }] : []),
  ]);
  for (const { name, index } of duplicates(list.map((p) => p.name || undefined))) {
    violations.push({ path: `${path}.${index}.name`, message: `${JSON.stringify(name)} names another port of the same container` });
  }
  return violations;
}

function keySelectorViolations(path: string, selector: { name?: string; key: string }): Violation[] {
  return [
    ...refused(`${path}.name`, selector.name ?? '', dns1123Subdomain(selector.name ?? '')),
    ...refused(`${path}.key`, selector.key, dataKey(selector.key)),
  ];
}

function fieldRefViolations(path: string, fieldRef: { apiVersion?: string; fieldPath: string }): Violation[] {
  if (fieldRef.apiVersion && fieldRef.apiVersion !== 'v1') return [{ path: `${path}.apiVersion`, message: 'must be v1' }];
  const subscripted = SUBSCRIPTED_FIELD.exec(fieldRef.fieldPath);
  if (subscripted) {
    const key = subscripted[1] === 'annotations' ? subscripted[2]!.toLowerCase() : subscripted[2]!;
    return refused(`${path}.fieldPath`, key, qualifiedName(key));
  }
  return FIELD_PATHS.has(fieldRef.fieldPath) ? [] : [{ path: `${path}.fieldPath`, message: `must be one of ${[...FIELD_PATHS].join(', ')}, or a label or annotation` }];
}

/** ValidateEnv: a name the API server takes, and `valueFrom` with exactly one source and no `value` beside it. */
export function envViolations(path: string, env: IEnvVar[] | undefined): Violation[] {
  return (env ?? []).flatMap((variable, i) => {
    const at = `${path}.${i}`;
    const violations = refused(`${at}.name`, variable.name, envVarName(variable.name));
    const from = variable.valueFrom;
    if (!from) return violations;
    const sources = [from.fieldRef, from.resourceFieldRef, from.configMapKeyRef, from.secretKeyRef].filter((s) => s !== undefined).length;
    if (sources === 0) violations.push({ path: `${at}.valueFrom`, message: 'must name one of fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef' });
    else if ((variable.value ?? '') !== '') violations.push({ path: `${at}.valueFrom`, message: 'must not be given together with a non-empty value' });
    else if (sources > 1) violations.push({ path: `${at}.valueFrom`, message: 'must name only one source' });
    if (from.secretKeyRef) violations.push(...keySelectorViolations(`${at}.valueFrom.secretKeyRef`, from.secretKeyRef));
    if (from.configMapKeyRef) violations.push(...keySelectorViolations(`${at}.valueFrom.configMapKeyRef`, from.configMapKeyRef));
    if (from.fieldRef) violations.push(...fieldRefViolations(`${at}.valueFrom.fieldRef`, from.fieldRef));
    const resource = from.resourceFieldRef?.resource;
    if (resource !== undefined && !RESOURCE_FIELDS.has(resource) && !HUGEPAGES_FIELD.test(resource)) {
      violations.push({ path: `${at}.valueFrom.resourceFieldRef.resource`, message: `must be one of ${[...RESOURCE_FIELDS].join(', ')} or a hugepages resource` });
    }
    return violations;
  });
}

export function envFromViolations(path: string, envFrom: IEnvFromSource[] | undefined): Violation[] {
  return (envFrom ?? []).flatMap((source, i) => {
    const at = `${path}.${i}`;
    const violations = source.prefix ? refused(`${at}.prefix`, source.prefix, envVarName(source.prefix)) : [];
    const refs = [['configMapRef', source.configMapRef], ['secretRef', source.secretRef]] as const;
    const given = refs.filter(([, ref]) => ref !== undefined);
    if (given.length !== 1) violations.push({ path: at, message: 'must name exactly one of configMapRef and secretRef' });
    for (const [field, ref] of given) violations.push(...refused(`${at}.${field}.name`, ref?.name ?? '', dns1123Subdomain(ref?.name ?? '')));
    return violations;
  });
}

function mountViolations(path: string, mounts: IVolumeMount[] | undefined, volumes: Set<string>): Violation[] {
  const list = mounts ?? [];
  const violations = list.flatMap((mount, i) => {
    const at = `${path}.${i}`;
    const found: Violation[] = [];
    if (!volumes.has(mount.name)) found.push({ path: `${at}.name`, message: `${JSON.stringify(mount.name)} is not a volume of the pod (${[...volumes].sort().join(', ')})` });
    if (mount.mountPath === '') found.push({ path: `${at}.mountPath`, message: 'is required' });
    if (mount.subPath && mount.subPathExpr) found.push({ path: at, message: 'subPath and subPathExpr exclude each other' });
    for (const field of ['subPath', 'subPathExpr'] as const) {
      const value = mount[field];
      if (value) found.push(...refused(`${at}.${field}`, value, relativeSubPath(value)));
    }
    return found;
  });
  for (const { name, index } of duplicates(list.map((m) => m.mountPath))) {
    violations.push({ path: `${path}.${index}.mountPath`, message: `${JSON.stringify(name)} is mounted twice in the same container` });
  }
  return violations;
}

function initContainerViolations(cluster: Cluster, config: OperatorConfig): Violation[] {
  const volumes = new Set([names.pgdataVolume, ...podVolumes(cluster.spec, config).map((v) => v.volume.name)]);
  return (cluster.spec.initContainers ?? []).flatMap((container: IContainer, i) => {
    const at = `spec.initContainers.${i}`;
    return [
      ...refused(`${at}.name`, container.name, dns1123Label(container.name)),
      ...refused(`${at}.image`, container.image ?? '', containerImage(container.image ?? '')),
      ...portViolations(`${at}.ports`, container.ports),
      ...envViolations(`${at}.env`, container.env),
      ...envFromViolations(`${at}.envFrom`, container.envFrom),
      ...mountViolations(`${at}.volumeMounts`, container.volumeMounts, volumes),
    ];
  });
}

function sidecarViolations(cluster: Cluster): Violation[] {
  const sidecars = cluster.spec.sidecars ?? [];
  const violations = sidecars.flatMap((sidecar, i) => [
    ...refused(`spec.sidecars.${i}.image`, sidecar.image, containerImage(sidecar.image)),
    ...portViolations(`spec.sidecars.${i}.ports`, sidecar.ports),
    ...envViolations(`spec.sidecars.${i}.env`, sidecar.env),
  ]);
  sidecars.forEach((sidecar, i) => {
    if (sidecar.name === POSTGRES_CONTAINER) violations.push({ path: `spec.sidecars.${i}.name`, message: `must not be "${POSTGRES_CONTAINER}", the name of the database container` });
  });
  for (const { name, index } of duplicates(sidecars.map((sidecar, i) => sidecar.name || `sidecar-${i}`))) {
    violations.push({ path: `spec.sidecars.${index}.name`, message: `${JSON.stringify(name)} is the name of another sidecar; container names must be unique` });
  }
  return violations;
}

/** Init containers share one name space with every container of the pod, the operator's included. */
function initContainerNameClashes(cluster: Cluster, config: OperatorConfig): Violation[] {
  const containers = [POSTGRES_CONTAINER, ...sidecarContainers(cluster, config, pgdataMount(cluster.spec)).map((c) => c.name)];
  const initNames = (cluster.spec.initContainers ?? []).map((c) => c.name);
  const clashes = duplicates([...containers, ...initNames]).filter(({ index }) => index >= containers.length);
  return clashes.map(({ name, index }) => ({
    path: `spec.initContainers.${index - containers.length}.name`,
    message: `${JSON.stringify(name)} is already the name of a container of the pod; container names must be unique`,
  }));
}

export function containerViolations(cluster: Cluster, config: OperatorConfig): Violation[] {
  const spec = cluster.spec;
  return [
    ...(spec.dockerImage ? refused('spec.dockerImage', spec.dockerImage, containerImage(spec.dockerImage)) : []),
    ...(spec.connectionPooler?.dockerImage ? refused('spec.connectionPooler.dockerImage', spec.connectionPooler.dockerImage, containerImage(spec.connectionPooler.dockerImage)) : []),
    ...envViolations('spec.env', spec.env),
    ...envFromViolations('spec.envFrom', spec.envFrom),
    ...sidecarViolations(cluster),
    ...initContainerViolations(cluster, config),
    ...initContainerNameClashes(cluster, config),
  ];
}
