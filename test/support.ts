// Shared test inputs: the default configuration, a fixed clock, a repeatable password source, the
// Kubernetes OpenAPI validators, and a simulated API server round trip.
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Endpoints } from 'kubernetes-models/v1/Endpoints';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import type { Cluster } from '../hooks/cluster.js';
import { defaultConfig } from '../hooks/config.js';
import { seededRandom } from '../hooks/random.js';
import type { HookInputs } from '../hooks/sync.js';
import type { OperatorConfig } from '../schemas/config.js';
import type { KubeObject, SyncRequest, SyncResponse } from '../schemas/hook.js';
import type { PostgresSpec } from '../schemas/postgresql.js';
import { childMap } from '../fixtures/requests.js';

export const NOW = new Date('2026-11-20T12:00:00Z');

export function inputs(config: Partial<OperatorConfig> = {}, seed = 1): HookInputs {
  return { config: { ...defaultConfig(), ...config }, now: NOW, random: seededRandom(seed) };
}

/** A resolved cluster of two instances with `spec` laid over a minimal valid spec. */
export function clusterWith(spec: Partial<PostgresSpec> = {}): Cluster {
  return {
    name: 'acid-test', namespace: 'default', uid: 'u', generation: 1, labels: {}, annotations: {}, status: undefined,
    spec: { teamId: 'acid', numberOfInstances: 2, postgresql: { version: '18' }, volume: { size: '1Gi' }, ...spec },
  };
}

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  StatefulSet, Deployment, CronJob, Job, PodDisruptionBudget, ConfigMap, Endpoints, Secret, Service,
};

/** Throws with every OpenAPI violation of a generated object. */
export function validateKube(object: KubeObject): void {
  const Model = MODELS[object.kind];
  if (!Model) throw new Error(`no validator for ${object.kind}`);
  new Model(object as never).validate();
}

/** What the API server and Metacontroller make of a created child: server fields, our labels kept. */
export function asObserved(child: KubeObject, parentUid: string, index: number): KubeObject {
  return {
    ...child,
    metadata: {
      ...child.metadata,
      uid: `child-${index}`,
      resourceVersion: String(1000 + index),
      creationTimestamp: '2026-11-20T12:00:01Z',
      labels: { ...(child.metadata.labels ?? {}), 'controller-uid': parentUid },
      annotations: { ...(child.metadata.annotations ?? {}), 'metacontroller.k8s.io/last-applied-configuration': JSON.stringify(child) },
      ownerReferences: [{ apiVersion: 'acid.zalan.do/v1', kind: 'postgresql', name: 'parent', uid: parentUid, controller: true, blockOwnerDeletion: true }],
      managedFields: [{ manager: 'metacontroller', operation: 'Update' }],
    },
    ...(child.kind === 'StatefulSet' ? { status: { replicas: 0, readyReplicas: 0, observedGeneration: 1 } } : {}),
  } as KubeObject;
}

/** The next request Metacontroller would send after applying `response`. */
export function fedBack(request: SyncRequest, response: SyncResponse): SyncRequest {
  const uid = request.parent.metadata.uid ?? '';
  const version = request.controller.spec?.hooks?.sync?.version ?? 'v1';
  const observed = response.children.map((child, i) => asObserved(child, uid, i));
  return {
    ...request,
    parent: { ...request.parent, status: { ...response.status, observedGeneration: request.parent.metadata.generation } },
    children: childMap(observed, request.parent.metadata.namespace, version),
  };
}

/**
 * The next request after `response`, with the StatefulSet reporting `ready` ready pods (the setup Job then runs),
 * all on its current template unless `outdated` of them are not.
 */
export function withReadyInstances(request: SyncRequest, response: SyncResponse, ready = 1, outdated = 0): SyncRequest {
  return withStatefulSetStatus(fedBack(request, response), { replicas: ready, readyReplicas: ready, updatedReplicas: ready - outdated, observedGeneration: 1 });
}

/** The same request with the observed StatefulSet's status replaced, as its controller reports the pods. */
export function withStatefulSetStatus(request: SyncRequest, status: object): SyncRequest {
  const children = Object.fromEntries(Object.entries(request.children).map(([kind, byName]) => [
    kind,
    kind.startsWith('StatefulSet.') ? Object.fromEntries(Object.entries(byName).map(([key, child]) => [key, { ...child, status }])) : byName,
  ]));
  return { ...request, children };
}

export function childrenOf(response: SyncResponse, kind: string): KubeObject[] {
  return response.children.filter((c) => c.kind === kind);
}

export function decodeSecret(secret: KubeObject): Record<string, string> {
  const data = (secret as { data?: Record<string, string> }).data ?? {};
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
}

/** The same request with fields of the parent's spec replaced, as after a `kubectl apply`. */
export function withSpecChange(request: SyncRequest, change: Record<string, unknown>): SyncRequest {
  return { ...request, parent: { ...request.parent, spec: { ...(request.parent.spec as object), ...change } } };
}

/** The same request with annotations of the parent set, or removed where the value is undefined (`kubectl annotate`). */
export function withAnnotations(request: SyncRequest, annotations: Record<string, string | undefined>): SyncRequest {
  const merged: Record<string, string> = { ...(request.parent.metadata.annotations as Record<string, string> | undefined) };
  for (const [key, value] of Object.entries(annotations)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return { ...request, parent: { ...request.parent, metadata: { ...request.parent.metadata, annotations: merged } } };
}

/** A database pod of the cluster's StatefulSet as the API server lists it (a related object of the sync request). */
export function databasePod(cluster: string, ordinal: number, options: { templateHash?: string; role?: string; namespace?: string } = {}): KubeObject {
  const annotations = options.templateHash ? { 'postgres-metacontroller.io/pod-template-hash': options.templateHash } : undefined;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${cluster}-${ordinal}`,
      namespace: options.namespace ?? 'default',
      labels: { application: 'spilo', 'cluster-name': cluster, ...(options.role ? { 'spilo-role': options.role } : {}) },
      ...(annotations ? { annotations } : {}),
    },
  };
}

/** The same request with the related objects of a kind replaced (v2 keys: namespace/name). */
export function withRelated(request: SyncRequest, kind: string, objects: KubeObject[]): SyncRequest {
  const byName = Object.fromEntries(objects.map((o) => [`${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]));
  return { ...request, related: { ...request.related, [kind]: byName } };
}

/** The same request with the status of every observed Job that `select` picks replaced. */
export function withJobStatus(request: SyncRequest, select: (name: string) => boolean, status: object): SyncRequest {
  const jobs = Object.fromEntries(Object.entries(request.children['Job.batch/v1'] ?? {}).map(([key, job]) => [key, select(job.metadata.name) ? { ...job, status } : job]));
  return { ...request, children: { ...request.children, 'Job.batch/v1': jobs } };
}

/** A pod of an observed Job (owned by its uid) whose container ended with `message` as its termination message. */
export function jobPod(job: KubeObject, attempt: number, message: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${job.metadata.name}-${'bcdfg'[attempt]}x2k9`,
      namespace: job.metadata.namespace,
      creationTimestamp: `2026-11-20T12:0${attempt}:00Z`,
      labels: { 'batch.kubernetes.io/job-name': job.metadata.name },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, uid: job.metadata.uid ?? '', controller: true }],
    },
    status: { phase: 'Failed', containerStatuses: [{ name: 'operations', state: { terminated: { exitCode: 1, message } } }] },
  } as KubeObject;
}

export const JOB_SUCCEEDED = { conditions: [{ type: 'Complete', status: 'True' }] };
export const JOB_FAILED = { conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] };
