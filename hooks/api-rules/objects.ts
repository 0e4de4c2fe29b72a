// The API server's rules, beyond the OpenAPI schema, for every kind of child the hooks answer with
// (kubernetes pkg/apis/{core,apps,batch,policy}/validation). One pass over the object, no copies: it
// runs on every answer as the last guard before Metacontroller writes it.
//
// Not checked, because they depend on the cluster: the NodePort range (--service-node-port-range),
// whether privileged containers are allowed (--allow-privileged), admission plugins and quotas, and
// whether referenced Secrets, ConfigMaps, ServiceAccounts or PriorityClasses exist.
import type { KubeObject } from '../../schemas/hook.js';
import { isDeeplyFrozen } from '../memo.js';
import { dataKey, dns1123Subdomain } from './identifiers.js';
import { labelSelectorProblems, metadataProblems } from './metadata.js';
import { fields, oneOf, textOf, type Fields, type ObjectProblem, Problems } from './problems.js';
import { endpointsProblems, serviceProblems } from './service.js';
import { cronJobProblems, deploymentProblems, intOrPercentProblems, jobProblems, statefulSetProblems } from './workloads.js';

export type { ObjectProblem } from './problems.js';

/** core MaxSecretSize, also the limit of a ConfigMap's data. */
export const MAX_DATA_BYTES = 1024 * 1024;
const EVICTION_POLICIES: ReadonlySet<string> = new Set(['IfHealthyBudget', 'AlwaysAllow']);

type Rules = (p: Problems, object: Fields) => void;

const RULES: Record<string, Rules> = {
  StatefulSet: statefulSetProblems,
  Deployment: deploymentProblems,
  Job: jobProblems,
  CronJob: cronJobProblems,
  Service: serviceProblems,
  Endpoints: endpointsProblems,
  Secret: secretProblems,
  ConfigMap: configMapProblems,
  PodDisruptionBudget: podDisruptionBudgetProblems,
  PodMonitor: podMonitorProblems,
};

/**
 * The problems of objects that can never change (hooks/memo.ts keeps children built from an unchanged spec frozen
 * and gives the very same objects again): checked once, not on every answer they are part of.
 */
const checkedFrozen = new WeakMap<object, readonly ObjectProblem[]>();

/** Every reason the API server (or the controller that makes the object's pods) would refuse it. */
export function objectProblems(object: KubeObject): ObjectProblem[] {
  if (!isDeeplyFrozen(object)) return problemsOf(object);
  let found = checkedFrozen.get(object);
  if (!found) checkedFrozen.set(object, (found = problemsOf(object)));
  return [...found];
}

function problemsOf(object: KubeObject): ObjectProblem[] {
  const p = new Problems();
  const rules = RULES[object.kind];
  if (rules) rules(p, object);
  else p.add('kind', `${object.kind} is not a kind these rules know`);
  return p.list;
}

/** One line per problem of every object: `StatefulSet acid-foo: spec.replicas: must be …`. */
export function describeObjectProblems(objects: readonly KubeObject[]): string[] {
  const lines: string[] = [];
  for (const object of objects) {
    for (const problem of objectProblems(object)) lines.push(`${object.kind} ${object.metadata?.name}: ${problem.path}: ${problem.message}`);
  }
  return lines;
}

function secretProblems(p: Problems, object: Fields): void {
  metadataProblems(p, object.metadata, dns1123Subdomain);
  let bytes = 0;
  const data = fields(object.data);
  for (const key in data) {
    p.checkEntry('data', key, dataKey(key));
    const value = data[key];
    if (typeof value !== 'string') p.add(`data[${key}]`, 'must be a base64 string');
    else bytes += decodedLength(value);
  }
  const stringData = fields(object.stringData);
  for (const key in stringData) {
    p.checkEntry('stringData', key, dataKey(key));
    // stringData replaces data of the same key.
    if (!Object.hasOwn(data, key)) bytes += Buffer.byteLength(textOf(stringData[key]) ?? '');
  }
  if (bytes > MAX_DATA_BYTES) p.add('data', `must have at most ${MAX_DATA_BYTES} bytes in all; it has ${bytes}`);
  if (object.type === 'kubernetes.io/tls') {
    for (const key of ['tls.crt', 'tls.key']) if (!hasKey(data, stringData, key)) p.add(`data[${key}]`, 'is required for a kubernetes.io/tls Secret');
  } else if (object.type === 'kubernetes.io/basic-auth' && !hasKey(data, stringData, 'username') && !hasKey(data, stringData, 'password')) {
    p.add('data', 'needs username or password for a kubernetes.io/basic-auth Secret');
  }
}

function hasKey(data: Fields, stringData: Fields, key: string): boolean {
  return Object.hasOwn(data, key) || Object.hasOwn(stringData, key);
}

/** Bytes a base64 text decodes to, without decoding it. */
function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

function configMapProblems(p: Problems, object: Fields): void {
  metadataProblems(p, object.metadata, dns1123Subdomain);
  let units = 0;
  let bytes = 0;
  const data = fields(object.data);
  const binaryData = fields(object.binaryData);
  for (const key in data) {
    p.checkEntry('data', key, dataKey(key));
    if (Object.hasOwn(binaryData, key)) p.add(`data[${key}]`, 'duplicates a key of binaryData');
    const value = data[key];
    if (typeof value !== 'string') p.add(`data[${key}]`, 'must be a string');
    else units += value.length;
  }
  for (const key in binaryData) {
    p.checkEntry('binaryData', key, dataKey(key));
    bytes += decodedLength(textOf(binaryData[key]) ?? '');
  }
  // A UTF-16 unit is at most 3 UTF-8 bytes: count bytes exactly only when the limit is within reach.
  if (units * 3 + bytes > MAX_DATA_BYTES) {
    for (const key in data) bytes += Buffer.byteLength(textOf(data[key]) ?? '');
    if (bytes > MAX_DATA_BYTES) p.add('data', `must have at most ${MAX_DATA_BYTES} bytes in all (data and binaryData); it has ${bytes}`);
  }
}

function podDisruptionBudgetProblems(p: Problems, object: Fields): void {
  metadataProblems(p, object.metadata, dns1123Subdomain);
  const spec = fields(object.spec);
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) p.add('spec', 'may not set both minAvailable and maxUnavailable');
  intOrPercentProblems(p, spec.minAvailable, 'spec.minAvailable');
  intOrPercentProblems(p, spec.maxUnavailable, 'spec.maxUnavailable');
  labelSelectorProblems(p, spec.selector, 'spec.selector', false);
  oneOf(p, spec.unhealthyPodEvictionPolicy, 'spec.unhealthyPodEvictionPolicy', EVICTION_POLICIES);
}

/** The Prometheus Operator's CRD schema: a selector and named ports (its admission checks nothing more of ours). */
function podMonitorProblems(p: Problems, object: Fields): void {
  metadataProblems(p, object.metadata, dns1123Subdomain);
  const spec = fields(object.spec);
  labelSelectorProblems(p, spec.selector, 'spec.selector', false);
  const endpoints = Array.isArray(spec.podMetricsEndpoints) ? spec.podMetricsEndpoints : [];
  endpoints.forEach((endpoint, i) => {
    if (typeof fields(endpoint).port !== 'string') p.add(`spec.podMetricsEndpoints[${i}].port`, 'must be a port name');
  });
}
