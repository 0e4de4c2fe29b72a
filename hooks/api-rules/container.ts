// The API server's rules for one container of a pod template (pkg/apis/core/validation:
// validateContainerCommon, validateContainerPorts, ValidateEnv, ValidateEnvFrom, ValidateVolumeMounts,
// the probe and lifecycle handlers, ValidateSecurityContext). Fields the API server defaults before
// validating (protocol, imagePullPolicy, terminationMessagePolicy, probe thresholds) are checked only
// when present.
import {
  dataKey, dns1123Label, dns1123Subdomain, envVarName, portName, portNumber, qualifiedName, relativeSubPath, unixId,
} from './identifiers.js';
import { fields, int32Field, integerField, isObject, items, oneOf, textOf, type Fields, type Problems } from './problems.js';
import { resourceProblems } from './resources.js';

export const PROTOCOLS: ReadonlySet<string> = new Set(['TCP', 'UDP', 'SCTP']);
const PULL_POLICIES: ReadonlySet<string> = new Set(['Always', 'IfNotPresent', 'Never']);
const TERMINATION_MESSAGE_POLICIES: ReadonlySet<string> = new Set(['File', 'FallbackToLogsOnError']);
const MOUNT_PROPAGATIONS: ReadonlySet<string> = new Set(['None', 'HostToContainer', 'Bidirectional']);
const HTTP_SCHEMES: ReadonlySet<string> = new Set(['HTTP', 'HTTPS']);
const PROC_MOUNTS: ReadonlySet<string> = new Set(['Default', 'Unmasked']);
export const SECCOMP_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Unconfined', 'Localhost']);
const ENV_FIELD_PATHS: ReadonlySet<string> = new Set([
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
]);
const SUBSCRIPTED_FIELD_PATH = /^metadata\.(labels|annotations)\['(.*)'\]$/;
const RESOURCE_FIELDS: ReadonlySet<string> = new Set([
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
]);
const HUGEPAGES_RESOURCE_FIELD = /^(limits|requests)\.hugepages-/;

/** What a container's rules need to know about the pod around it. */
export interface ContainerContext {
  /** Names of the pod's volumes (a StatefulSet's claim templates included). */
  volumes: ReadonlySet<string>;
  /** False for a pod running in its own user namespace (spec.securityContext.hostUsers: false). */
  hostUsers: boolean;
}

export type ContainerRole = 'container' | 'init';

/** Rules for a container of `containers` or `initContainers` except the uniqueness of its name. */
export function containerProblems(p: Problems, container: Fields, path: string, role: ContainerRole, context: ContainerContext): void {
  const name = container.name;
  if (typeof name !== 'string' || name === '') p.add(`${path}.name`, 'is required');
  else p.checkField(path, 'name', dns1123Label(name));
  if (typeof container.image !== 'string' || container.image === '') p.add(`${path}.image`, 'is required');
  oneOf(p, container.imagePullPolicy, `${path}.imagePullPolicy`, PULL_POLICIES);
  oneOf(p, container.terminationMessagePolicy, `${path}.terminationMessagePolicy`, TERMINATION_MESSAGE_POLICIES);
  portProblems(p, items(container.ports), `${path}.ports`);
  const env = items(container.env);
  for (let i = 0; i < env.length; i++) {
    const variable = fields(env[i]);
    if (!isPlainVariable(variable)) envProblems(p, variable, `${path}.env[${i}]`);
  }
  items(container.envFrom).forEach((source, i) => envFromProblems(p, fields(source), `${path}.envFrom[${i}]`));
  volumeMountProblems(p, container, `${path}.volumeMounts`, context.volumes);
  if (container.resources !== undefined) resourceProblems(p, fields(container.resources), `${path}.resources`);
  securityContextProblems(p, container.securityContext, `${path}.securityContext`, context.hostUsers);

  const restartPolicy = container.restartPolicy;
  const restartable = role === 'init' && restartPolicy === 'Always';
  if (role === 'container' && restartPolicy !== undefined) p.add(`${path}.restartPolicy`, 'may be set only for init containers');
  if (role === 'init' && restartPolicy !== undefined && restartPolicy !== 'Always') p.add(`${path}.restartPolicy`, 'must be Always when set');
  for (const probe of PROBES) {
    if (container[probe] === undefined) continue;
    if (role === 'init' && !restartable) p.add(`${path}.${probe}`, 'may not be set for init containers without restartPolicy Always');
    else probeProblems(p, fields(container[probe]), `${path}.${probe}`, probe);
  }
  if (container.lifecycle !== undefined) {
    if (role === 'init' && !restartable) p.add(`${path}.lifecycle`, 'may not be set for init containers without restartPolicy Always');
    else lifecycleProblems(p, fields(container.lifecycle), `${path}.lifecycle`);
  }
}

function portProblems(p: Problems, ports: readonly unknown[], path: string): void {
  const names = new Set<string>();
  ports.forEach((entry, i) => {
    const port = fields(entry);
    const at = `${path}[${i}]`;
    const name = port.name;
    if (typeof name === 'string' && name !== '') {
      const reasons = portName(name);
      if (reasons.length > 0) p.checkField(at, 'name', reasons);
      else if (names.has(name)) p.add(`${at}.name`, `duplicates the name of another port of this container (${name})`);
      names.add(name);
    }
    if (port.containerPort === undefined || port.containerPort === 0) p.add(`${at}.containerPort`, 'is required');
    else numberProblems(p, port.containerPort, `${at}.containerPort`, portNumber);
    if (port.hostPort !== undefined && port.hostPort !== 0) numberProblems(p, port.hostPort, `${at}.hostPort`, portNumber);
    oneOf(p, port.protocol, `${at}.protocol`, PROTOCOLS);
  });
}

function numberProblems(p: Problems, value: unknown, path: string, rule: (value: number) => string[]): void {
  if (typeof value !== 'number') p.add(path, 'must be an integer');
  else p.check(path, rule(value));
}

/**
 * A host port (with its protocol and host IP) is claimed once: across the regular containers, which
 * run together, or within each init container, as those run one at a time.
 */
export function hostPortProblems(p: Problems, containers: readonly unknown[], path: string, together: boolean): void {
  let claimed = new Set<string>();
  containers.forEach((container, c) => {
    if (!together) claimed = new Set();
    items(fields(container).ports).forEach((entry, i) => {
      const port = fields(entry);
      if (typeof port.hostPort !== 'number' || port.hostPort === 0) return;
      const key = `${textOf(port.protocol) ?? 'TCP'}/${textOf(port.hostIP) ?? ''}/${port.hostPort}`;
      if (claimed.has(key)) p.add(`${path}[${c}].ports[${i}].hostPort`, `duplicates another host port of the pod (${key})`);
      claimed.add(key);
    });
  });
}

/** A valid name and a value, as most variables are: nothing to report, so no path to spell out. */
function isPlainVariable(variable: Fields): boolean {
  const name = variable.name;
  return variable.valueFrom === undefined && typeof name === 'string' && name !== '' && envVarName(name).length === 0;
}

function envProblems(p: Problems, variable: Fields, path: string): void {
  const name = variable.name;
  if (typeof name !== 'string' || name === '') p.add(`${path}.name`, 'is required');
  else p.checkField(path, 'name', envVarName(name));
  if (variable.valueFrom === undefined) return;
  const from = fields(variable.valueFrom);
  const fromPath = `${path}.valueFrom`;
  let sources = 0;
  if (from.fieldRef !== undefined) {
    sources++;
    fieldRefProblems(p, fields(from.fieldRef), `${fromPath}.fieldRef`, ENV_FIELD_PATHS);
  }
  if (from.resourceFieldRef !== undefined) {
    sources++;
    const resource = textOf(fields(from.resourceFieldRef).resource);
    if (resource === undefined || resource === '') p.add(`${fromPath}.resourceFieldRef.resource`, 'is required');
    else if (!RESOURCE_FIELDS.has(resource) && !HUGEPAGES_RESOURCE_FIELD.test(resource)) {
      p.add(`${fromPath}.resourceFieldRef.resource`, `must be one of ${[...RESOURCE_FIELDS].join(', ')} or a hugepages resource`);
    }
  }
  for (const ref of ['configMapKeyRef', 'secretKeyRef'] as const) {
    if (from[ref] === undefined) continue;
    sources++;
    keySelectorProblems(p, fields(from[ref]), `${fromPath}.${ref}`);
  }
  if (sources === 0) p.add(fromPath, 'must specify one of fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef');
  else if (typeof variable.value === 'string' && variable.value !== '') p.add(fromPath, 'may not be specified when value is not empty');
  else if (sources > 1) p.add(fromPath, 'may not have more than one source');
}

/** A downward API field: one of `allowed`, or one label or annotation by key. */
export function fieldRefProblems(p: Problems, ref: Fields, path: string, allowed: ReadonlySet<string>): void {
  // apiVersion defaults to v1, the only version the downward API converts.
  if (ref.apiVersion !== undefined && ref.apiVersion !== 'v1') p.add(`${path}.apiVersion`, 'must be v1');
  const fieldPath = textOf(ref.fieldPath);
  if (fieldPath === undefined || fieldPath === '') {
    p.add(`${path}.fieldPath`, 'is required');
    return;
  }
  const subscripted = SUBSCRIPTED_FIELD_PATH.exec(fieldPath);
  if (subscripted) {
    const key = subscripted[2]!;
    p.check(path, qualifiedName(subscripted[1] === 'annotations' ? key.toLowerCase() : key));
  } else if (!allowed.has(fieldPath)) {
    p.add(`${path}.fieldPath`, `must be one of ${[...allowed].join(', ')}, metadata.labels['<key>'] or metadata.annotations['<key>']`);
  }
}

function keySelectorProblems(p: Problems, ref: Fields, path: string): void {
  const name = textOf(ref.name);
  if (name === undefined || name === '') p.add(`${path}.name`, 'is required');
  else p.checkField(path, 'name', dns1123Subdomain(name));
  const key = textOf(ref.key);
  if (key === undefined || key === '') p.add(`${path}.key`, 'is required');
  else p.checkField(path, 'key', dataKey(key));
}

function envFromProblems(p: Problems, source: Fields, path: string): void {
  const prefix = source.prefix;
  if (typeof prefix === 'string' && prefix !== '') p.checkField(path, 'prefix', envVarName(prefix));
  let sources = 0;
  for (const ref of ['configMapRef', 'secretRef'] as const) {
    if (source[ref] === undefined) continue;
    sources++;
    const name = textOf(fields(source[ref]).name);
    if (name === undefined || name === '') p.add(`${path}.${ref}.name`, 'is required');
    else p.check(`${path}.${ref}.name`, dns1123Subdomain(name));
  }
  if (sources === 0) p.add(path, 'must specify one of configMapRef or secretRef');
  else if (sources > 1) p.add(path, 'may not have more than one source');
}

function volumeMountProblems(p: Problems, container: Fields, path: string, volumes: ReadonlySet<string>): void {
  const mountPaths = new Set<string>();
  const privileged = fields(container.securityContext).privileged === true;
  items(container.volumeMounts).forEach((entry, i) => {
    const mount = fields(entry);
    const at = `${path}[${i}]`;
    const name = textOf(mount.name);
    if (name === undefined || name === '') p.add(`${at}.name`, 'is required');
    else if (!volumes.has(name)) p.add(`${at}.name`, `refers to no volume of the pod (${name})`);
    const mountPath = textOf(mount.mountPath);
    if (mountPath === undefined || mountPath === '') p.add(`${at}.mountPath`, 'is required');
    else if (mountPaths.has(mountPath)) p.add(`${at}.mountPath`, `must be unique in the container (${mountPath} is mounted twice)`);
    else mountPaths.add(mountPath);
    const subPath = textOf(mount.subPath) ?? '';
    const subPathExpr = textOf(mount.subPathExpr) ?? '';
    if (subPath !== '') p.checkField(at, 'subPath', relativeSubPath(subPath));
    if (subPathExpr !== '') {
      if (subPath !== '') p.add(`${at}.subPathExpr`, 'excludes subPath');
      p.checkField(at, 'subPathExpr', relativeSubPath(subPathExpr));
    }
    oneOf(p, mount.mountPropagation, `${at}.mountPropagation`, MOUNT_PROPAGATIONS);
    if (mount.mountPropagation === 'Bidirectional' && !privileged) p.add(`${at}.mountPropagation`, 'may be Bidirectional only in a privileged container');
  });
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
type ProbeKind = (typeof PROBES)[number];
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const PROBE_COUNTS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;
const LIFECYCLE_HOOKS = ['postStart', 'preStop'] as const;
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

function probeProblems(p: Problems, probe: Fields, path: string, kind: ProbeKind): void {
  handlerProblems(p, probe, path, PROBE_HANDLERS);
  for (const field of PROBE_COUNTS) {
    if (probe[field] !== undefined) int32Field(p, probe[field], `${path}.${field}`, 0);
  }
  if (kind !== 'readinessProbe' && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    p.add(`${path}.successThreshold`, 'must be 1');
  }
  if (probe.terminationGracePeriodSeconds !== undefined) {
    if (kind === 'readinessProbe') p.add(`${path}.terminationGracePeriodSeconds`, 'must not be set for readiness probes');
    else integerField(p, probe.terminationGracePeriodSeconds, `${path}.terminationGracePeriodSeconds`, 1);
  }
}

function lifecycleProblems(p: Problems, lifecycle: Fields, path: string): void {
  for (const hook of LIFECYCLE_HOOKS) {
    if (lifecycle[hook] !== undefined) handlerProblems(p, fields(lifecycle[hook]), `${path}.${hook}`, LIFECYCLE_HANDLERS);
  }
}

/** Exactly one handler, each well formed. */
function handlerProblems(p: Problems, handler: Fields, path: string, kinds: readonly string[]): void {
  let present = 0;
  for (const kind of kinds) {
    if (handler[kind] === undefined || handler[kind] === null) continue;
    if (present++ > 0) p.add(`${path}.${kind}`, 'may not be set beside another handler');
  }
  if (present === 0) p.add(path, `must specify one of ${kinds.join(', ')}`);
  const exec = handler.exec;
  if (exec !== undefined && items(fields(exec).command).length === 0) p.add(`${path}.exec.command`, 'is required');
  if (handler.httpGet !== undefined) {
    const get = fields(handler.httpGet);
    portNumberOrName(p, get.port, `${path}.httpGet.port`);
    oneOf(p, get.scheme, `${path}.httpGet.scheme`, HTTP_SCHEMES);
  }
  if (handler.tcpSocket !== undefined) portNumberOrName(p, fields(handler.tcpSocket).port, `${path}.tcpSocket.port`);
  if (handler.grpc !== undefined) numberProblems(p, fields(handler.grpc).port, `${path}.grpc.port`, portNumber);
  if (handler.sleep !== undefined) integerField(p, fields(handler.sleep).seconds, `${path}.sleep.seconds`, 0);
}

/** A port given by number (1–65535) or by the name of a container port. */
export function portNumberOrName(p: Problems, port: unknown, path: string): void {
  if (typeof port === 'number') p.check(path, portNumber(port));
  else if (typeof port === 'string') p.check(path, portName(port));
  else p.add(path, 'is required');
}

/** Ids run from 0 to the int32 maximum (IsValidUserID, IsValidGroupID). */
export function idProblems(p: Problems, value: unknown, path: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number') p.add(path, 'must be an integer');
  else p.check(path, unixId(value));
}

function securityContextProblems(p: Problems, context: unknown, path: string, hostUsers: boolean): void {
  if (!isObject(context)) return;
  // privileged: true is refused only where the cluster disallows it (kube-apiserver --allow-privileged): not checked.
  idProblems(p, context.runAsUser, `${path}.runAsUser`);
  idProblems(p, context.runAsGroup, `${path}.runAsGroup`);
  oneOf(p, context.procMount, `${path}.procMount`, PROC_MOUNTS);
  if (context.procMount === 'Unmasked' && hostUsers) p.add(`${path}.procMount`, 'may be Unmasked only when spec.securityContext.hostUsers is false');
  seccompProblems(p, context.seccompProfile, `${path}.seccompProfile`);
  if (context.allowPrivilegeEscalation === false) {
    if (context.privileged === true) p.add(path, 'cannot set allowPrivilegeEscalation to false and privileged to true');
    if (items(fields(context.capabilities).add).includes('CAP_SYS_ADMIN')) {
      p.add(path, 'cannot set allowPrivilegeEscalation to false and add the capability CAP_SYS_ADMIN');
    }
  }
}

export function seccompProblems(p: Problems, profile: unknown, path: string): void {
  if (!isObject(profile)) return;
  if (profile.type === undefined) p.add(`${path}.type`, 'is required');
  else oneOf(p, profile.type, `${path}.type`, SECCOMP_TYPES);
  const localhost = profile.localhostProfile;
  if (profile.type === 'Localhost') {
    if (typeof localhost !== 'string') p.add(`${path}.localhostProfile`, 'is required when the type is Localhost');
    else p.checkField(path, 'localhostProfile', relativeSubPath(localhost));
  } else if (localhost !== undefined) {
    p.add(`${path}.localhostProfile`, 'may be set only when the type is Localhost');
  }
}
