// What the setup Job and the operations Jobs share: a Job and its state ConfigMap of one hashed name
// (a changed intent gives new names instead of an update to a Job's immutable template), the
// restricted pod they run in, and how a Job's outcome reads.
import { hash } from 'node:crypto';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IPod } from 'kubernetes-models/v1/Pod';
import type { OperatorConfig } from '../schemas/config.js';
import { baseLabels, inheritedAnnotations, objectMeta, type Cluster } from './cluster.js';
import { parseDuration } from './duration.js';
import type { KubeObject } from '../schemas/hook.js';
import { summaryMessageOf, TERMINATION_MESSAGE_PATH } from '../schemas/job-summary.js';
import { ChildKind, jobApplications, labelKeys, RelatedKind, SETUP_HASH_LENGTH } from './names.js';
import type { Observed } from './observed.js';
import type { ConditionInput } from './status.js';
import { keepAsDeclared } from './passthrough.js';
import { sorted, type StringMap } from './maps.js';

/** Both Jobs read their state as this key of their ConfigMap. */
export const STATE_KEY = 'state.json';
/** The user of our image (its Dockerfile's USER). */
export const JOB_UID = 10001;

/** The labels of a Job, its pods and its state ConfigMap. */
export function jobLabels(cluster: Cluster, config: OperatorConfig, job: keyof typeof jobApplications): StringMap {
  return sorted({ ...baseLabels(cluster, config), [labelKeys.application]: jobApplications[job], [labelKeys.team]: cluster.spec.teamId });
}

export function intentHash(parts: unknown[]): string {
  return hash('sha256', JSON.stringify(parts), 'hex').slice(0, SETUP_HASH_LENGTH);
}

export const restrictedContainerSecurity = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };

/**
 * What a Job's container adds to its command and fields so its summary line becomes the pod's termination
 * message (schemas/job-summary.ts); a Job that crashed before its summary leaves the log's tail instead.
 */
export const summaryAsTerminationMessage = {
  args: ['--termination-log', TERMINATION_MESSAGE_PATH],
  fields: { terminationMessagePath: TERMINATION_MESSAGE_PATH, terminationMessagePolicy: 'FallbackToLogsOnError' },
} as const;

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

/** `summary`: the message of the Job's own summary line, when its newest pod ended with one. */
export type JobOutcome = { state: 'Running' } | { state: 'Succeeded'; summary?: string } | { state: 'Failed'; message: string; summary?: string };

/** The summary message the Job's newest finished pod left as its termination message (pods are related objects). */
function jobSummary(job: IJob, observed: Observed): string | undefined {
  const uid = job.metadata?.uid;
  if (!uid) return undefined;
  const pods = observed.relatedOfKind<IPod>(RelatedKind.Pod)
    .filter((pod) => pod.metadata?.namespace === job.metadata?.namespace && pod.metadata?.ownerReferences?.some((owner) => owner.uid === uid && owner.controller === true))
    .sort((a, b) => (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '') || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  for (const pod of pods.reverse()) {
    for (const status of pod.status?.containerStatuses ?? []) {
      const message = status.state?.terminated?.message;
      const summary = message === undefined ? undefined : summaryMessageOf(message);
      if (summary !== undefined) return summary;
    }
  }
  return undefined;
}

/** A Job without a Complete or Failed condition is still running (or about to). */
export function jobOutcome(job: IJob, observed: Observed): JobOutcome {
  const conditions = job.status?.conditions ?? [];
  const summary = () => {
    const message = jobSummary(job, observed);
    return message === undefined ? {} : { summary: message };
  };
  if (conditions.some((c) => c.type === 'Complete' && c.status === 'True')) return { state: 'Succeeded', ...summary() };
  const failed = conditions.find((c) => c.type === 'Failed' && c.status === 'True');
  if (failed) return { state: 'Failed', message: `${failed.reason ?? 'unknown'}: ${failed.message ?? ''}`, ...summary() };
  return { state: 'Running' };
}

/** `Job <name> …` for a condition: its own summary when it left one, else the Job controller's reason. */
export function describeJob(name: string, outcome: JobOutcome): string {
  if (outcome.state === 'Running') return `Job ${name} is running`;
  if (outcome.state === 'Succeeded') return `Job ${name} succeeded${outcome.summary === undefined ? '' : `: ${outcome.summary}`}`;
  return outcome.summary === undefined ? `Job ${name} failed (${outcome.message}); its pod logs say why` : `Job ${name} failed: ${outcome.summary}`;
}

/** A condition of a Job's outcome: True once it succeeded, False while it runs or after it failed (with the remedy). */
export function outcomeCondition(type: string, name: string, outcome: JobOutcome, options: { note?: string | undefined; retry?: string } = {}): ConditionInput {
  const suffix = options.note ? `; ${options.note}` : '';
  const message = describeJob(name, outcome);
  switch (outcome.state) {
    case 'Succeeded': return { type, ok: true, reason: 'Succeeded', message: `${message}${suffix}` };
    case 'Failed': return { type, ok: false, reason: 'Failed', message: `${message}; ${options.retry ?? 'delete the Job to run it again'}${suffix}` };
    default: return { type, ok: false, reason: 'Running', message: `${message}${suffix}` };
  }
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
