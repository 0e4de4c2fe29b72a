// A request run once by a Job of its own (the on-demand logical backup, the restore): the annotation's
// request id names the Job by its hash, and once that Job has finished the id is recorded in
// `status.operations`, so it never runs again, even after the Job is gone (the backup Job's TTL removes
// it). A new id is a new request. A Job still running is always kept; finished Jobs of earlier requests go.
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { KubeObject } from '../../schemas/hook.js';
import type { BackupRequest, HandledRequest } from '../../schemas/postgresql.js';
import type { Cluster } from '../cluster.js';
import { intentHash, jobOutcome, outcomeCondition, type JobOutcome } from '../jobs.js';
import { ChildKind, names, SETUP_HASH_LENGTH } from '../names.js';
import type { Observed } from '../observed.js';
import type { ConditionInput } from '../status.js';
import { isHibernated } from '../switches.js';

export interface RequestInput {
  cluster: Cluster;
  observed: Observed;
  request: BackupRequest;
  /** The annotation's value; undefined or empty when there is no request. */
  requestId: string | undefined;
  conditionType: string;
  /** The prefix of this kind of Job's names, and the name of a request's Job from its hash. */
  prefix: string;
  jobName: (hash: string) => string;
  /** The request cannot be run, ever: recorded as Skipped with this reason. */
  refused?: string | undefined;
  /** The request's annotations are unusable: reported, not recorded (they may be corrected under the same id). */
  invalid?: string | undefined;
  /** Why the Job cannot start now (no ready database pod, hibernated, a missing Secret). */
  blocked?: string | undefined;
}

export interface RequestPlan {
  /** The name of the Job to create now. */
  start: string | undefined;
  /** Owned Jobs of this kind that stay as they were declared. */
  keep: string[];
  condition: ConditionInput | undefined;
  /** The record of this request in `status.operations`, when it changes. */
  handled: HandledRequest | undefined;
}

/** Why a request's Job cannot start now: a hibernated cluster, no ready database pod, a missing input. */
export function requestBlocked(cluster: Cluster, observed: Observed, missing: string | undefined): string | undefined {
  if (isHibernated(cluster.annotations)) return 'the cluster is hibernated';
  const statefulSet = observed.child<IStatefulSet>(ChildKind.StatefulSet, names.statefulSet(cluster.name));
  if ((statefulSet?.status?.readyReplicas ?? 0) === 0) return 'waiting for a ready database pod';
  return missing === undefined ? undefined : `waiting for ${missing}`;
}

/** What a request's builder answers: its Jobs (kept and new), its condition, its record when it changed. */
export interface RequestResult { children: KubeObject[]; condition: ConditionInput | undefined; handled: HandledRequest | undefined }

const RETRY = 'set a new request id to run it again';

/** The request's Job name: the hash of the kind of request and its id. */
export function requestJobName(input: Pick<RequestInput, 'request' | 'jobName'>, requestId: string): string {
  return input.jobName(intentHash([input.request, requestId]));
}

function ownedJobs(input: RequestInput): Array<{ name: string; outcome: JobOutcome }> {
  const hash = new RegExp(`^[0-9a-f]{${SETUP_HASH_LENGTH}}$`);
  return input.observed.children<IJob>(ChildKind.Job)
    .map((job) => ({ name: job.metadata?.name ?? '', job }))
    .filter(({ name }) => name.startsWith(input.prefix) && hash.test(name.slice(input.prefix.length)))
    .map(({ name, job }) => ({ name, outcome: jobOutcome(job, input.observed) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function planRequest(input: RequestInput): RequestPlan {
  const { requestId, conditionType: type } = input;
  const jobs = ownedJobs(input);
  const running = jobs.filter((job) => job.outcome.state === 'Running').map((job) => job.name);
  if (!requestId) return { start: undefined, keep: running, condition: undefined, handled: undefined };
  const name = requestJobName(input, requestId);
  const current = jobs.find((job) => job.name === name);
  const keep = [...new Set([...running, ...(current ? [name] : [])])].sort();
  const plan = (condition: ConditionInput, handled?: HandledRequest, start?: string): RequestPlan => ({ start, keep, condition, handled });
  const recorded = input.cluster.status?.operations?.[input.request];
  if (recorded?.requestId === requestId) {
    if (current) return plan(outcomeCondition(type, name, current.outcome, { retry: RETRY }));
    const ok = recorded.outcome === 'Succeeded';
    return plan({ type, ok, reason: ok ? 'Succeeded' : recorded.outcome, message: `request ${requestId} was handled (${recorded.outcome}); ${RETRY}` });
  }
  if (current) {
    const handled = current.outcome.state === 'Running' ? undefined : { requestId, outcome: current.outcome.state };
    return plan(outcomeCondition(type, name, current.outcome, { retry: RETRY }), handled);
  }
  if (input.refused) {
    return plan({ type, ok: false, reason: 'Refused', message: `request ${requestId} is refused: ${input.refused}` }, { requestId, outcome: 'Skipped' });
  }
  if (input.invalid) return plan({ type, ok: false, reason: 'InvalidRequest', message: `request ${requestId}: ${input.invalid}` });
  const why = running.length > 0 ? `Job ${running.join(', ')} of an earlier request is running` : input.blocked;
  if (why) return plan({ type, ok: false, reason: 'Waiting', message: `request ${requestId} waits: ${why}` });
  return plan({ type, ok: false, reason: 'Pending', message: `Job ${name} was requested for request ${requestId}` }, undefined, name);
}
