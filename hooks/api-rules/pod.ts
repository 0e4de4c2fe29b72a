// A pod template as the API server checks it (pkg/apis/core/validation ValidatePodTemplateSpec and
// ValidatePodSpec). A StatefulSet's template is not checked this deeply when the StatefulSet is
// written, but every pod made from it is: a bad template means pods that are never created.
import { hostPortProblems, containerProblems, idProblems, seccompProblems, type ContainerContext } from './container.js';
import { dns1123Label, dns1123Subdomain, int32, relativeSubPath } from './identifiers.js';
import { labelProblems, templateMetadataProblems } from './metadata.js';
import { fields, integerField, isObject, items, oneOf, textOf, type Fields, type Problems } from './problems.js';
import { affinityProblems, tolerationProblems, topologySpreadProblems } from './scheduling.js';
import { volumeProblems } from './volumes.js';

const RESTART_POLICIES: ReadonlySet<string> = new Set(['Always', 'OnFailure', 'Never']);
const DNS_POLICIES: ReadonlySet<string> = new Set(['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']);
const FS_GROUP_CHANGE_POLICIES: ReadonlySet<string> = new Set(['OnRootMismatch', 'Always']);
const POD_IDS = ['runAsUser', 'runAsGroup', 'fsGroup'] as const;
const SYSCTL_NAME = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
const SYSCTL_MAX_LENGTH = 253;
const MAX_INT32 = 2 ** 31 - 1;
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
/** strconv.ParseInt after the API server's first-digit rule: no "+", no leading zeros. */
const DELETION_COST_VALUE = /^(0|-\d+|[1-9]\d*)$/;
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER = 'container.seccomp.security.alpha.kubernetes.io/';
const SECCOMP_PROFILES: ReadonlySet<string> = new Set(['runtime/default', 'docker/default', 'unconfined']);
const APPARMOR_CONTAINER = 'container.apparmor.security.beta.kubernetes.io/';
const APPARMOR_PROFILES: ReadonlySet<string> = new Set(['', 'runtime/default', 'unconfined']);

export interface PodTemplateRules {
  /** restartPolicy values the owning controller accepts; the API server defaults an absent one to Always. */
  restartPolicies: ReadonlySet<string>;
  /** Whether the owner allows spec.activeDeadlineSeconds (Jobs do, long-running workloads do not). */
  activeDeadline: boolean;
  /** Volumes the controller adds to each pod: a StatefulSet's volume claim templates. */
  claimVolumes: readonly string[];
}

export function podTemplateProblems(p: Problems, template: unknown, path: string, rules: PodTemplateRules): void {
  if (!isObject(template)) {
    p.add(path, 'is required');
    return;
  }
  templateMetadataProblems(p, template.metadata, `${path}.metadata`);
  const spec = fields(template.spec);
  podAnnotationProblems(p, fields(fields(template.metadata).annotations), spec, `${path}.metadata.annotations`);
  podSpecProblems(p, spec, `${path}.spec`, rules);
}

/** Annotations the API server reads on pods (ValidatePodSpecificAnnotations); they come from podAnnotations. */
function podAnnotationProblems(p: Problems, annotations: Fields, spec: Fields, path: string): void {
  for (const key in annotations) {
    const value = textOf(annotations[key]) ?? '';
    if (key === DELETION_COST) {
      if (!DELETION_COST_VALUE.test(value) || int32(Number(value)).length > 0) p.add(`${path}[${key}]`, 'must be a 32-bit integer');
    } else if (key === SECCOMP_POD || key.startsWith(SECCOMP_CONTAINER)) {
      const local = value.startsWith('localhost/') ? relativeSubPath(value.slice('localhost/'.length)) : undefined;
      if (local === undefined && !SECCOMP_PROFILES.has(value)) p.add(`${path}[${key}]`, 'must be runtime/default, docker/default, unconfined or localhost/<path>');
      else if (local !== undefined) p.check(`${path}[${key}]`, local);
    } else if (key.startsWith(APPARMOR_CONTAINER)) {
      const container = key.slice(APPARMOR_CONTAINER.length);
      const named = (list: unknown) => items(list).some((entry) => fields(entry).name === container);
      if (!named(spec.containers) && !named(spec.initContainers)) p.add(`${path}[${key}]`, `names no container of the pod (${container})`);
      if (!APPARMOR_PROFILES.has(value) && !value.startsWith('localhost/')) p.add(`${path}[${key}]`, 'must be runtime/default, unconfined or localhost/<profile>');
    }
  }
}

function podSpecProblems(p: Problems, spec: Fields, path: string, rules: PodTemplateRules): void {
  const volumes = new Set<string>(rules.claimVolumes);
  volumeProblems(p, items(spec.volumes), `${path}.volumes`, volumes);
  const security = fields(spec.securityContext);
  const context: ContainerContext = { volumes, hostUsers: security.hostUsers !== false };

  const containers = items(spec.containers);
  const initContainers = items(spec.initContainers);
  if (containers.length === 0) p.add(`${path}.containers`, 'must have at least one container');
  const names = new Set<string>();
  const roles = [['containers', containers, 'container'], ['initContainers', initContainers, 'init']] as const;
  for (const [list, entries, role] of roles) {
    entries.forEach((entry, i) => {
      const container = fields(entry);
      const at = `${path}.${list}[${i}]`;
      containerProblems(p, container, at, role, context);
      const name = textOf(container.name);
      if (name === undefined || name === '') return;
      if (names.has(name)) p.add(`${at}.name`, `duplicates the name of another container or init container (${name})`);
      names.add(name);
    });
  }
  hostPortProblems(p, containers, `${path}.containers`, true);
  hostPortProblems(p, initContainers, `${path}.initContainers`, false);
  if (spec.ephemeralContainers !== undefined) p.add(`${path}.ephemeralContainers`, 'are not allowed in a pod template');

  const restartPolicy = spec.restartPolicy ?? 'Always';
  if (!RESTART_POLICIES.has(restartPolicy as string)) p.add(`${path}.restartPolicy`, 'must be Always, OnFailure or Never');
  else if (!rules.restartPolicies.has(restartPolicy as string)) {
    p.add(`${path}.restartPolicy`, `must be ${[...rules.restartPolicies].join(' or ')} for this kind${spec.restartPolicy === undefined ? ' (it defaults to Always)' : ''}`);
  }
  if (spec.activeDeadlineSeconds !== undefined) {
    if (!rules.activeDeadline) p.add(`${path}.activeDeadlineSeconds`, 'is not supported for this kind');
    else integerField(p, spec.activeDeadlineSeconds, `${path}.activeDeadlineSeconds`, 1, MAX_INT32);
  }
  integerField(p, spec.terminationGracePeriodSeconds, `${path}.terminationGracePeriodSeconds`, Number.MIN_SAFE_INTEGER);
  oneOf(p, spec.dnsPolicy, `${path}.dnsPolicy`, DNS_POLICIES);
  if (spec.dnsPolicy === 'None' && items(fields(spec.dnsConfig).nameservers).length === 0) {
    p.add(`${path}.dnsConfig.nameservers`, 'must list at least one name server when dnsPolicy is None');
  }
  labelProblems(p, spec.nodeSelector, `${path}.nodeSelector`);
  podSecurityContextProblems(p, security, `${path}.securityContext`);
  items(spec.imagePullSecrets).forEach((secret, i) => {
    for (const key in fields(secret)) if (key !== 'name') p.add(`${path}.imagePullSecrets[${i}]`, 'may set only name');
  });
  affinityProblems(p, spec.affinity, `${path}.affinity`);
  tolerationProblems(p, items(spec.tolerations), `${path}.tolerations`);
  topologySpreadProblems(p, items(spec.topologySpreadConstraints), `${path}.topologySpreadConstraints`);
  for (const field of ['serviceAccountName', 'priorityClassName'] as const) {
    const value = textOf(spec[field]);
    if (value !== undefined && value !== '') p.checkField(path, field, dns1123Subdomain(value));
  }
  for (const field of ['hostname', 'subdomain'] as const) {
    const value = textOf(spec[field]);
    if (value !== undefined && value !== '') p.checkField(path, field, dns1123Label(value));
  }
}

function podSecurityContextProblems(p: Problems, security: Fields, path: string): void {
  for (const id of POD_IDS) if (security[id] !== undefined) idProblems(p, security[id], `${path}.${id}`);
  items(security.supplementalGroups).forEach((group, i) => idProblems(p, group, `${path}.supplementalGroups[${i}]`));
  oneOf(p, security.fsGroupChangePolicy, `${path}.fsGroupChangePolicy`, FS_GROUP_CHANGE_POLICIES);
  seccompProblems(p, security.seccompProfile, `${path}.seccompProfile`);
  const sysctls = new Set<string>();
  items(security.sysctls).forEach((entry, i) => {
    const name = textOf(fields(entry).name) ?? '';
    const at = `${path}.sysctls[${i}].name`;
    if (name === '') p.add(at, 'is required');
    else if (name.length > SYSCTL_MAX_LENGTH || !SYSCTL_NAME.test(name)) p.add(at, 'must be a sysctl name such as net.core.somaxconn');
    else if (sysctls.has(name)) p.add(at, `duplicates another sysctl (${name})`);
    sysctls.add(name);
  });
}
