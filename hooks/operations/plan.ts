// The operations planner: from the manifest, the configuration, the owned children (the StatefulSet's
// status, the Jobs and their states) and the clock, at most one operations Job to start (one action per
// Job), which owned operations Jobs stay, the StatefulSet's replica count, the conditions and the handled
// request ids. It never acts: the Job does (operations/). It never reads a database pod either: Patroni
// rewrites their annotations every loop_wait, so watching them would call the hook every few seconds per
// cluster (README, Performance); what concerns single pods (which is outdated, which is the primary) the
// Job finds out through the Kubernetes API and Patroni. Priority: a running Job blocks every new one; then
// the Patroni configuration, the switchover a scale-down needs first, the volume resize (./resize.ts), a
// rollout of outdated pods, an in-place major version upgrade (./upgrade.ts), and the declarative
// switchover, restart and reload annotations.
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { OperatorConfig } from '../../schemas/config.js';
import type { OperationsAction, OperationsState } from '../../schemas/operations-state.js';
import { DECLARATIVE_OPERATIONS, type DeclarativeOperation, type HandledRequest, type MajorVersionStatus, type OperationsStatus } from '../../schemas/postgresql.js';
import { baseLabels, clusterDigest, type Cluster } from '../cluster.js';
import { memo } from '../memo.js';
import { instanceCount } from '../instances.js';
import { intentHash, outcomeCondition, repairBucket } from '../jobs.js';
import { annotationKeys, ChildKind, names, spilo } from '../names.js';
import type { Observed } from '../observed.js';
import { desiredDynamicConfig } from '../patroni/dynamic-config.js';
import { isStandby } from '../standby.js';
import { isHibernated } from '../switches.js';
import type { ConditionInput } from '../status.js';
import { newestOf, operationsJobs, type OperationsJob } from './observed-jobs.js';
import { planResize, RESIZE_CONDITION } from './resize.js';
import { podCounts, templateApplied } from './statefulset-pods.js';
import { planUpgrade, UPGRADE_CONDITION } from './upgrade.js';

export const CONDITION_TYPES: Record<OperationsAction, string> = {
  config: 'PatroniConfigured',
  rollout: 'RollingUpdate',
  switchover: 'Switchover',
  restart: 'Restart',
  reload: 'Reload',
  resize: RESIZE_CONDITION,
  upgrade: UPGRADE_CONDITION,
};

export interface PlanInput {
  cluster: Cluster;
  config: OperatorConfig;
  observed: Observed;
  now: Date;
  /** The desired pod template's hash (hooks/pod/template-hash.ts). */
  templateHash: string;
  /** `heldReplicas` of this call: the StatefulSet was built with it. */
  hold: HeldReplicas;
}

export interface OperationsPlan {
  /** The Job to create now: its name (`<cluster>-<action>-<intent hash>`) and state. */
  start: { name: string; state: OperationsState } | undefined;
  /** Owned operations Jobs (and their ConfigMaps) that stay as they are. */
  keep: string[];
  conditions: ConditionInput[];
  /** Handled declarative requests, the previous ones included. */
  operations: OperationsStatus;
  /** The running major version as known, and the last upgrade's outcome (./upgrade.ts). */
  majorVersion: MajorVersionStatus;
  resyncAfterSeconds: number | undefined;
}

/** An action that could start: its state, the name its intent gives, and whether its preconditions hold. */
interface Candidate {
  state: OperationsState;
  name: string;
  /** Why it cannot start yet (a pod missing …); undefined when it can. */
  blocked?: string;
  /** Appended to the condition message (the downtime of a single-instance rollout …). */
  note?: string;
}

/** Spilo's bootstrap.dcs default (configure_spilo.py), what Patroni uses when the manifest names none (0 is none, as Zalando omits it). */
const SPILO_MAXIMUM_LAG_ON_FAILOVER = 33554432;

/**
 * The replica count the StatefulSet keeps: none while hibernated; otherwise a scale-down (`scaleDown`, from the
 * observed count to the manifest's) waits at the observed count until its switchover Job succeeded: the Job
 * makes sure the primary is one of the pods kept (scaleDownCandidate).
 */
export interface HeldReplicas { replicas: number; scaleDown?: ScaleDown }
/**
 * `observedAs`: the StatefulSet's uid and generation the count was read from. Part of the Job's intent: a later
 * scale-down from the same count (after a scale-up) is another one, whose primary may be elsewhere.
 */
interface ScaleDown { from: number; to: number; observedAs: string }

function statefulSetOf(cluster: Cluster, observed: Observed): IStatefulSet | undefined {
  return observed.child<IStatefulSet>(ChildKind.StatefulSet, names.statefulSet(cluster.name));
}

/**
 * The StatefulSet's replicas; while it is gone (a volume resize deleted it, orphaning its pods) those the
 * resize Job's state recorded of it: a scale-down in the answer that recreates it must not remove the primary.
 */
function observedReplicas(cluster: Cluster, observed: Observed, jobs: () => OperationsJob[]): { count: number; observedAs: string } | undefined {
  const statefulSet = statefulSetOf(cluster, observed);
  if (statefulSet) return { count: statefulSet.spec?.replicas ?? 1, observedAs: `${statefulSet.metadata?.uid ?? ''}/${statefulSet.metadata?.generation ?? 0}` };
  const deleted = newestOf(jobs(), 'resize')?.state?.resize?.statefulSet;
  return deleted?.name === names.statefulSet(cluster.name) && deleted.replicas !== undefined ? { count: deleted.replicas, observedAs: `${deleted.uid}/deleted` } : undefined;
}

export function heldReplicas(cluster: Cluster, config: OperatorConfig, observed: Observed): HeldReplicas {
  if (isHibernated(cluster.annotations)) return { replicas: 0 };
  const desired = instanceCount(cluster, config);
  // Read only when needed: planOperations reads them again, and most answers hold nothing.
  let jobs: OperationsJob[] | undefined;
  const owned = () => (jobs ??= operationsJobs(cluster.name, observed));
  const current = desired < 1 ? undefined : observedReplicas(cluster, observed, owned);
  if (current === undefined || current.count <= desired) return { replicas: desired };
  const scaleDown = { from: current.count, to: desired, observedAs: current.observedAs };
  const switched = owned().find((job) => job.name === scaleDownCandidate(cluster, config, scaleDown).name)?.outcome.state === 'Succeeded';
  return { replicas: switched ? desired : current.count, scaleDown };
}

function baseState(cluster: Cluster, config: OperatorConfig, action: OperationsAction): OperationsState {
  return {
    cluster: cluster.name,
    namespace: cluster.namespace,
    action,
    ...(cluster.uid ? { parentUid: cluster.uid } : {}),
    podSelector: baseLabels(cluster, config),
    patroniPort: spilo.patroniPort,
    maximumLagOnFailover: Math.max(0, Math.trunc(cluster.spec.patroni?.maximum_lag_on_failover || SPILO_MAXIMUM_LAG_ON_FAILOVER)),
  };
}

function candidate(cluster: Cluster, state: OperationsState, intent: unknown[], extra: Omit<Candidate, 'state' | 'name'> = {}): Candidate {
  // The uid only addresses the Job's Events: left out of the intent, a Job keeps the name it had before Events.
  const { parentUid: _addressOnly, ...what } = state;
  return { state, name: names.operations(cluster.name, state.action, intentHash([what, ...intent])), ...extra };
}

function slotNames(desired: Record<string, unknown>): string[] {
  const slots = desired.slots;
  return slots && typeof slots === 'object' ? Object.keys(slots) : [];
}

/**
 * Configuration intents of specs seen lately: the desired dynamic configuration and its hash are the same while
 * the spec, the slots to remove and the repair bucket are.
 */
const rememberedConfigCandidates = memo<Candidate>(256);

/**
 * The configuration intent: the desired dynamic configuration, the permanent slots to remove and the repair
 * bucket. Slots to remove are those of the newest config Job's state that the manifest no longer has (and, when
 * that Job did not succeed, those it was to remove): the newest Job continues its own intent when it has it.
 */
function configCandidate(input: PlanInput, jobs: OperationsJob[], bucket: number, ready: boolean): Candidate {
  const { cluster, config } = input;
  const desiredOf = () => desiredDynamicConfig(cluster.spec, config) as unknown as Record<string, unknown>;
  const make = (formerSlots: string[]) => rememberedConfigCandidates(config, `${clusterDigest(cluster)} ${bucket} ${JSON.stringify(formerSlots)}`, () =>
    candidate(cluster, { ...baseState(cluster, config, 'config'), config: { desired: desiredOf(), formerSlots } }, [bucket]));
  const newest = newestOf(jobs, 'config');
  const previous = newest?.state?.config;
  const previousFormer = Array.isArray(previous?.formerSlots) ? previous.formerSlots.filter((s): s is string => typeof s === 'string') : [];
  const continued = make(previousFormer);
  let chosen = continued;
  if (!newest || continued.name !== newest.name) {
    const declared = previous && typeof previous.desired === 'object' ? slotNames(previous.desired) : [];
    const carried = newest?.outcome.state === 'Succeeded' ? [] : previousFormer;
    const wanted = new Set(slotNames(continued.state.config!.desired));
    chosen = make([...new Set([...declared, ...carried])].filter((slot) => !wanted.has(slot)).sort());
  }
  return ready ? chosen : { ...chosen, blocked: 'waiting for a ready database pod' };
}

/**
 * Pods are outdated when the StatefulSet controller counts fewer on its update revision than it has, or when the
 * StatefulSet does not carry the desired template yet (its pods then all run an older one). Which pods, and
 * whether their template hash really differs (a revision also changes with what the hash leaves out), the Job
 * finds out: it recreates those whose hash annotation differs and succeeds without acting when none does.
 */
function rolloutCandidate(input: PlanInput): Candidate | undefined {
  const { cluster, config, observed, templateHash } = input;
  const statefulSet = statefulSetOf(cluster, observed);
  if (!statefulSet) return undefined;
  const { replicas, existing, current } = podCounts(statefulSet, templateHash);
  const outdated = existing - current;
  if (outdated <= 0) return undefined;
  const state = { ...baseState(cluster, config, 'rollout'), rollout: { templateHashAnnotation: annotationKeys.podTemplateHash, templateHash } };
  const blocked = !templateApplied(statefulSet, templateHash)
    ? 'waiting for the StatefulSet to carry the new pod template'
    : existing < replicas ? `waiting for ${replicas - existing} of ${replicas} pods to exist` : undefined;
  const downtime = replicas === 1 ? '; a single instance is recreated in place: the database is down until the new pod is ready' : '';
  return candidate(cluster, state, [], {
    ...(blocked ? { blocked } : {}),
    note: `${outdated} of ${existing} pods not on the current pod template: the Job recreates those whose template hash differs${downtime}`,
  });
}

/** The switchover a scale-down needs first: it moves the primary below the new count, and changes nothing when it is there already. */
function scaleDownCandidate(cluster: Cluster, config: OperatorConfig, scaleDown: ScaleDown): Candidate {
  const state = { ...baseState(cluster, config, 'switchover'), switchover: { instances: scaleDown.to } };
  return candidate(cluster, state, [scaleDown.from, scaleDown.observedAs], {
    note: `the scale-down from ${scaleDown.from} to ${scaleDown.to} instances waits for the switchover Job, which moves the primary to a pod kept when it is ${names.pod(cluster.name, scaleDown.to)} or above`,
  });
}

interface Declarative { operation: DeclarativeOperation; requestId: string; candidate: Candidate }

function declarativeCandidates(input: PlanInput, ready: boolean): Declarative[] {
  const { cluster, config } = input;
  return DECLARATIVE_OPERATIONS.flatMap((operation) => {
    const requestId = cluster.annotations[annotationKeys[operation]];
    if (requestId === undefined || requestId === '') return [];
    const to = cluster.annotations[annotationKeys.switchoverTo];
    const state: OperationsState = {
      ...baseState(cluster, config, operation),
      requestId,
      ...(operation === 'switchover' ? { switchover: to ? { candidate: to } : {} } : {}),
    };
    const blocked = ready ? undefined : 'waiting for a ready database pod';
    return [{ operation, requestId, candidate: candidate(cluster, state, [], blocked ? { blocked } : {}) }];
  });
}

function jobCondition(type: string, job: OperationsJob, note?: string): ConditionInput {
  return outcomeCondition(type, job.name, job.outcome, { note });
}

export function planOperations(input: PlanInput): OperationsPlan {
  const { cluster, config, observed, now, hold } = input;
  const jobs = operationsJobs(cluster.name, observed);
  const statefulSet = statefulSetOf(cluster, observed);
  const ready = (statefulSet?.status?.readyReplicas ?? 0) > 0;
  const { bucket, secondsLeft } = repairBucket(now, config);
  const handled: OperationsStatus = { ...(cluster.status?.operations ?? {}) };
  const conditions = new Map<OperationsAction, ConditionInput>();
  const due: Array<{ action: OperationsAction; candidate: Candidate }> = [];

  /** A candidate whose intent already has a Job reports that Job; otherwise it is due. */
  const consider = (action: OperationsAction, c: Candidate) => {
    const job = jobs.find((j) => j.name === c.name);
    if (job) conditions.set(action, jobCondition(CONDITION_TYPES[action], job, c.note));
    else due.push({ action, candidate: c });
  };

  consider('config', configCandidate(input, jobs, bucket, ready));
  if (hold.scaleDown) consider('switchover', scaleDownCandidate(cluster, config, hold.scaleDown));
  const resize = planResize(cluster, config, observed);
  if ('due' in resize) {
    const { due: intent, ...extra } = resize;
    consider('resize', candidate(cluster, { ...baseState(cluster, config, 'resize'), resize: intent }, [], extra));
  } else conditions.set('resize', resize.settled);
  // With RollingUpdate the StatefulSet controller replaces pods itself; a Job deleting them too would race it.
  const rolledByJob = config.statefulset_update_strategy === 'OnDelete';
  const rollout = rolledByJob ? rolloutCandidate(input) : undefined;
  if (rollout) consider('rollout', rollout);
  else {
    const message = rolledByJob ? 'every database pod runs the current pod template'
      : 'statefulset_update_strategy RollingUpdate: the StatefulSet controller replaces pods itself, highest ordinal first';
    conditions.set('rollout', { type: CONDITION_TYPES.rollout, ok: true, reason: 'Succeeded', message });
  }
  const upgrade = planUpgrade({ cluster, config, observed, now, templateHash: input.templateHash, jobs });
  if (upgrade.due) {
    const { upgrade: section, ...extra } = upgrade.due;
    consider('upgrade', candidate(cluster, { ...baseState(cluster, config, 'upgrade'), upgrade: section }, [], extra));
  } else if (upgrade.condition) conditions.set('upgrade', upgrade.condition);

  for (const request of declarativeCandidates(input, ready)) {
    const { operation, requestId } = request;
    const type = CONDITION_TYPES[operation];
    const recorded = handled[operation];
    // Found by its request id, not its name: a request is not run again because another field of its state changed.
    const job = jobs.find((j) => j.action === operation && j.state?.requestId === requestId);
    if (recorded?.requestId === requestId) {
      const reason = recorded.outcome === 'Succeeded' ? 'Succeeded' : 'Failed';
      if (!conditions.has(operation)) conditions.set(operation, { type, ok: reason === 'Succeeded', reason, message: `request ${requestId} was handled (${recorded.outcome}); set a new request id to run it again` });
    } else if (operation === 'switchover' && isStandby(cluster.spec)) {
      // A standby leader only replays another cluster's WAL: the switchover to ask for is the source cluster's.
      handled[operation] = { requestId, outcome: 'Skipped' };
      conditions.set(operation, { type, ok: false, reason: 'Failed', message: `request ${requestId} is skipped: a standby cluster is not switched over` });
    } else if (job) {
      if (job.outcome.state !== 'Running') handled[operation] = { requestId, outcome: job.outcome.state } satisfies HandledRequest;
      conditions.set(operation, jobCondition(type, job));
    } else if (!conditions.has(operation) && !due.some((d) => d.action === operation)) {
      // A planned switchover (scale-down) goes before a requested one, which waits for the next answer.
      consider(operation, request.candidate);
    }
  }

  const running = jobs.filter((j) => j.outcome.state === 'Running');
  // A hibernated cluster's pods are stopping or gone: what is due waits for the wake-up.
  const hibernated = isHibernated(cluster.annotations);
  const startable = running.length === 0 && !hibernated ? due.find((d) => d.candidate.blocked === undefined) : undefined;
  for (const { action, candidate: c } of due) {
    const type = CONDITION_TYPES[action];
    const note = c.note ? `; ${c.note}` : '';
    if (c === startable?.candidate) conditions.set(action, { type, ok: false, reason: 'Pending', message: `Job ${c.name} was requested${note}` });
    else if (conditions.has(action)) continue;
    else {
      const why = running.length > 0 ? `Job ${running.map((j) => j.name).join(', ')} is running`
        : hibernated ? 'the cluster is hibernated' : c.blocked ?? `Job ${startable?.candidate.name} goes first`;
      conditions.set(action, { type, ok: false, reason: 'Waiting', message: `${why}${note}` });
    }
  }

  // The newest Job of each action stays (it is not run again, and the configuration's slots are read back
  // from its state); a Job still running always stays; a new Job of an action replaces the older ones.
  const keep = jobs.filter((job) => job.outcome.state === 'Running'
    || (job.action !== startable?.action && newestOf(jobs, job.action) === job)).map((job) => job.name);

  // What an action waits for (a ready pod, a pod, the StatefulSet, a new Job) is a child or related object: its
  // change calls the hook again. A running Job is polled besides, for its pods' progress.
  // A due upgrade asks to be called when the maintenance window it waits for opens, or the one it may start in closes.
  const windowChanges = due.some((d) => d.action === 'upgrade') ? upgrade.resyncAfterSeconds : undefined;
  const resync = [running.length > 0 ? config.poll_interval_seconds : undefined, secondsLeft, windowChanges].filter((s): s is number => s !== undefined);
  return {
    start: startable ? { name: startable.candidate.name, state: startable.candidate.state } : undefined,
    keep,
    conditions: [...conditions.values()].sort((a, b) => order(a.type) - order(b.type)),
    operations: handled,
    majorVersion: upgrade.majorVersion,
    resyncAfterSeconds: resync.length > 0 ? Math.min(...resync) : undefined,
  };
}

const CONDITION_ORDER = Object.values(CONDITION_TYPES);
function order(type: string): number {
  return CONDITION_ORDER.indexOf(type);
}
