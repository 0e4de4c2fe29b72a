// What the setup Job and the operations Jobs share: a Job and its state ConfigMap of one hashed name
// (a changed intent gives new names instead of an update to a Job's immutable template), the
// restricted pod they run in, and how a Job's outcome reads.
import { createHash } from 'node:crypto';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { OperatorConfig } from '../schemas/config.js';
import { inheritedAnnotations, objectMeta, type Cluster } from './cluster.js';
import { parseDuration } from './duration.js';
import type { KubeObject } from '../schemas/hook.js';
import { ChildKind, SETUP_HASH_LENGTH } from './names.js';
import type { Observed } from './observed.js';
import { keepAsDeclared } from './passthrough.js';
import type { StringMap } from './maps.js';

/** Both Jobs read their state as this key of their ConfigMap. */
export const STATE_KEY = 'state.json';
const JOB_UID = 10001;

export function intentHash(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, SETUP_HASH_LENGTH);
}

export const restrictedContainerSecurity = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };

/** The pod of a Job: never restarted in place, non-root, the state ConfigMap (named like the Job) as a volume. */
export function jobPodSpec(containers: object[], name: string, extra: object = {}) {
  return {
    restartPolicy: 'Never',
    ...extra,
    securityContext: { runAsNonRoot: true, runAsUser: JOB_UID, runAsGroup: JOB_UID, seccompProfile: { type: 'RuntimeDefault' } },
    containers,
    volumes: [{ name: 'state', configMap: { name } }],
  };
}

export function stateConfigMap(cluster: Cluster, config: OperatorConfig, name: string, labels: StringMap, stateJson: string): IConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: objectMeta(cluster, name, labels, inheritedAnnotations(cluster, config)),
    immutable: true,
    data: { [STATE_KEY]: stateJson },
  };
}

export function hookJob(cluster: Cluster, config: OperatorConfig, name: string, labels: StringMap, jobSpec: object, podSpec: object): IJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: objectMeta(cluster, name, labels, inheritedAnnotations(cluster, config)),
    spec: { ...jobSpec, template: { metadata: { labels }, spec: podSpec } } as IJob['spec'],
  };
}

export type JobOutcome = { state: 'Running' } | { state: 'Succeeded' } | { state: 'Failed'; message: string };

/** A Job without a Complete or Failed condition is still running (or about to). */
export function jobOutcome(job: IJob): JobOutcome {
  const conditions = job.status?.conditions ?? [];
  if (conditions.some((c) => c.type === 'Complete' && c.status === 'True')) return { state: 'Succeeded' };
  const failed = conditions.find((c) => c.type === 'Failed' && c.status === 'True');
  if (failed) return { state: 'Failed', message: `${failed.reason ?? 'unknown'}: ${failed.message ?? ''}` };
  return { state: 'Running' };
}

/**
 * The repair bucket, `floor(now / repair_interval)`: part of the setup and configuration intents, so both are put
 * back once per interval even when nothing changed (a role dropped or a parameter changed by hand).
 */
export function repairBucket(now: Date, config: OperatorConfig): { bucket: number; secondsLeft: number | undefined } {
  const interval = parseDuration(config.repair_interval);
  if (interval <= 0) return { bucket: 0, secondsLeft: undefined };
  const seconds = Math.floor(now.getTime() / 1000);
  const bucket = Math.floor(seconds / interval);
  return { bucket, secondsLeft: (bucket + 1) * interval - seconds };
}

/** An owned Job and the state ConfigMap of the same name, answered as last declared (a Job's template cannot change). */
export function keptJob(observed: Observed, name: string): KubeObject[] {
  return [observed.child(ChildKind.ConfigMap, name), observed.child(ChildKind.Job, name)]
    .filter((object) => object !== undefined)
    .map(keepAsDeclared);
}
