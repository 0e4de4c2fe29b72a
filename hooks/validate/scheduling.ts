// Pod-level fields the manifest hands to the pods unchanged: annotations, tolerations, node
// affinity, topology spread constraints and the liveness probe, as the API server checks them.
import type { INodeSelectorRequirement } from 'kubernetes-models/v1/NodeSelectorRequirement';
import type { INodeSelectorTerm } from 'kubernetes-models/v1/NodeSelectorTerm';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import { annotationKey, annotationsSize, int32, labelValue, portName, portNumber, qualifiedName } from '../api-rules/identifiers.js';
import { duplicates, refused, type Violation } from './violation.js';

const ANNOTATION_FIELDS = ['podAnnotations', 'serviceAnnotations', 'masterServiceAnnotations', 'replicaServiceAnnotations'] as const;
const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const DECIMAL_INTEGER = /^[+-]?\d+$/;
const TAINT_EFFECTS = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);

function annotationViolations(spec: PostgresSpec): Violation[] {
  const violations = ANNOTATION_FIELDS.flatMap((field) => {
    const annotations = spec[field] ?? {};
    return [
      ...Object.keys(annotations).flatMap((key) => refused(`spec.${field}`, key, annotationKey(key)).map((v) => ({ ...v, message: `key ${v.message}` }))),
      ...annotationsSize(annotations).map((message) => ({ path: `spec.${field}`, message })),
    ];
  });
  const cost = spec.podAnnotations?.[POD_DELETION_COST];
  if (cost !== undefined && (!DECIMAL_INTEGER.test(cost) || int32(Number(cost)).length > 0)) {
    violations.push({ path: `spec.podAnnotations.${POD_DELETION_COST}`, message: 'must be a 32-bit integer' });
  }
  return violations;
}

function tolerationViolations(spec: PostgresSpec): Violation[] {
  return (spec.tolerations ?? []).flatMap((toleration, i) => {
    const at = `spec.tolerations.${i}`;
    const key = toleration.key ?? '';
    const operator = toleration.operator || 'Equal';
    const violations = key === '' ? [] : refused(`${at}.key`, key, qualifiedName(key));
    if (key === '' && operator !== 'Exists') violations.push({ path: `${at}.operator`, message: 'must be Exists when the key is empty (which matches every taint)' });
    if (toleration.tolerationSeconds !== undefined && toleration.effect !== 'NoExecute') violations.push({ path: `${at}.effect`, message: 'must be NoExecute when tolerationSeconds is set' });
    if (operator === 'Equal') violations.push(...refused(`${at}.value`, toleration.value ?? '', labelValue(toleration.value ?? '')));
    else if (operator === 'Exists' && (toleration.value ?? '') !== '') violations.push({ path: `${at}.value`, message: 'must be empty when the operator is Exists' });
    else if (operator !== 'Exists') violations.push({ path: `${at}.operator`, message: 'must be Equal or Exists' });
    if (toleration.effect && !TAINT_EFFECTS.has(toleration.effect)) violations.push({ path: `${at}.effect`, message: `must be one of ${[...TAINT_EFFECTS].join(', ')}` });
    return violations;
  });
}

function requirementViolations(at: string, requirement: INodeSelectorRequirement): Violation[] {
  const values = requirement.values ?? [];
  const violations = refused(`${at}.key`, requirement.key, qualifiedName(requirement.key));
  switch (requirement.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) violations.push({ path: `${at}.values`, message: `must not be empty for ${requirement.operator}` });
      values.forEach((value, j) => violations.push(...refused(`${at}.values.${j}`, value, labelValue(value))));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) violations.push({ path: `${at}.values`, message: `must be empty for ${requirement.operator}` });
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1 || !DECIMAL_INTEGER.test(values[0]!)) violations.push({ path: `${at}.values`, message: `must be one integer for ${requirement.operator}` });
      break;
    default:
      violations.push({ path: `${at}.operator`, message: 'must be In, NotIn, Exists, DoesNotExist, Gt or Lt' });
  }
  return violations;
}

function termViolations(at: string, term: INodeSelectorTerm): Violation[] {
  return [
    ...(term.matchExpressions ?? []).flatMap((r, j) => requirementViolations(`${at}.matchExpressions.${j}`, r)),
    ...(term.matchFields ?? []).flatMap((r, j) => {
      const path = `${at}.matchFields.${j}`;
      if (r.key !== 'metadata.name') return [{ path: `${path}.key`, message: 'must be metadata.name' }];
      if ((r.operator !== 'In' && r.operator !== 'NotIn') || r.values?.length !== 1) return [{ path, message: 'must be In or NotIn with exactly one value' }];
      return [];
    }),
  ];
}

function nodeAffinityViolations(spec: PostgresSpec): Violation[] {
  const affinity = spec.nodeAffinity;
  if (!affinity) return [];
  const required = affinity.requiredDuringSchedulingIgnoredDuringExecution;
  const violations: Violation[] = [];
  if (required) {
    const path = 'spec.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';
    if (required.nodeSelectorTerms.length === 0) violations.push({ path, message: 'must have at least one term' });
    required.nodeSelectorTerms.forEach((term, i) => violations.push(...termViolations(`${path}.${i}`, term)));
  }
  (affinity.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((preference, i) => {
    const at = `spec.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution.${i}`;
    if (preference.weight < 1 || preference.weight > 100) violations.push({ path: `${at}.weight`, message: 'must be between 1 and 100, inclusive' });
    violations.push(...termViolations(`${at}.preference`, preference.preference));
  });
  return violations;
}

function topologySpreadViolations(spec: PostgresSpec): Violation[] {
  const constraints = spec.topologySpreadConstraints ?? [];
  const violations = constraints.flatMap((constraint, i) => {
    const at = `spec.topologySpreadConstraints.${i}`;
    const found = refused(`${at}.topologyKey`, constraint.topologyKey, qualifiedName(constraint.topologyKey));
    if (constraint.maxSkew <= 0) found.push({ path: `${at}.maxSkew`, message: 'must be greater than zero' });
    if (constraint.whenUnsatisfiable !== 'DoNotSchedule' && constraint.whenUnsatisfiable !== 'ScheduleAnyway') {
      found.push({ path: `${at}.whenUnsatisfiable`, message: 'must be DoNotSchedule or ScheduleAnyway' });
    }
    if (constraint.minDomains !== undefined && (constraint.minDomains <= 0 || constraint.whenUnsatisfiable !== 'DoNotSchedule')) {
      found.push({ path: `${at}.minDomains`, message: 'must be greater than zero, and only goes with whenUnsatisfiable DoNotSchedule' });
    }
    return found;
  });
  for (const { index } of duplicates(constraints.map((c) => `${c.topologyKey}/${c.whenUnsatisfiable}`))) {
    violations.push({ path: `spec.topologySpreadConstraints.${index}`, message: 'repeats the topologyKey and whenUnsatisfiable of another constraint' });
  }
  return violations;
}

function probePortViolations(path: string, port: number | string): Violation[] {
  return typeof port === 'number' ? portNumber(port).map((message) => ({ path, message })) : refused(path, port, portName(port));
}

function livenessProbeViolations(probe: IProbe | undefined): Violation[] {
  if (!probe) return [];
  const path = 'spec.livenessProbe';
  const handlers = [probe.exec, probe.httpGet, probe.tcpSocket, probe.grpc].filter((h) => h !== undefined).length;
  const violations: Violation[] = handlers === 1 ? [] : [{ path, message: 'must have exactly one of exec, httpGet, tcpSocket and grpc' }];
  for (const field of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'failureThreshold'] as const) {
    if ((probe[field] ?? 0) < 0) violations.push({ path: `${path}.${field}`, message: 'must not be negative' });
  }
  if (probe.successThreshold !== undefined && probe.successThreshold !== 0 && probe.successThreshold !== 1) violations.push({ path: `${path}.successThreshold`, message: 'must be 1 for a liveness probe' });
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds <= 0) violations.push({ path: `${path}.terminationGracePeriodSeconds`, message: 'must be greater than zero' });
  if (probe.httpGet) violations.push(...probePortViolations(`${path}.httpGet.port`, probe.httpGet.port));
  if (probe.tcpSocket) violations.push(...probePortViolations(`${path}.tcpSocket.port`, probe.tcpSocket.port));
  if (probe.grpc) violations.push(...probePortViolations(`${path}.grpc.port`, probe.grpc.port));
  return violations;
}

export function schedulingViolations(spec: PostgresSpec): Violation[] {
  return [
    ...annotationViolations(spec),
    ...tolerationViolations(spec),
    ...nodeAffinityViolations(spec),
    ...topologySpreadViolations(spec),
    ...livenessProbeViolations(spec.livenessProbe),
  ];
}
