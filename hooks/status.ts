// The parent's status. Metacontroller replaces the whole status with what we return and calls again
// when it changes, so it must be a function of the request: condition times move only when a
// condition's status flips. The status we read back is the parent's, which anyone may have written:
// whatever of it is malformed is read as absent.
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { CLUSTER_STATUSES, RECORDED_REQUESTS, type Condition, type HandledRequest, type MajorVersionStatus, type OperationsStatus, type PostgresStatus } from '../schemas/postgresql.js';
import { isMap } from './observed-shape.js';

export type ClusterPhase = (typeof CLUSTER_STATUSES)[number];

export function isClusterPhase(value: string | undefined): value is ClusterPhase {
  return (CLUSTER_STATUSES as readonly (string | undefined)[]).includes(value);
}

export interface ConditionInput { type: string; ok: boolean; reason: string; message: string }

/** What the hooks use of the status they answered last time. */
export interface PreviousStatus {
  phase?: string;
  conditions: Array<Pick<Condition, 'type' | 'status' | 'lastTransitionTime'>>;
  /** Handled declarative operations: carried into every answer, whatever its phase. */
  operations?: OperationsStatus;
  /** The running major version as last known: carried into every answer, whatever its phase. */
  majorVersion?: MajorVersionStatus;
}

export interface StatusInput {
  phase: ClusterPhase;
  conditions: ConditionInput[];
  readyInstances?: number | undefined;
  unmanagedSecrets?: string[] | undefined;
  previous: PreviousStatus | undefined;
  /** The parent generation the answer was computed from. */
  observedGeneration: number | undefined;
  now: Date;
  /** Handled declarative operations; the previous ones when not given. */
  operations?: OperationsStatus | undefined;
  /** The major version record; the previous one when not given. */
  majorVersion?: MajorVersionStatus | undefined;
}

// RFC 3339 as the API server checks `format: date-time`; a time carried over must pass it again.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

function isPreviousCondition(value: unknown): value is PreviousStatus['conditions'][number] {
  return isMap(value) && typeof value.type === 'string' && typeof value.status === 'string'
    && typeof value.lastTransitionTime === 'string' && DATE_TIME.test(value.lastTransitionTime) && !Number.isNaN(Date.parse(value.lastTransitionTime));
}

const OUTCOMES = new Set<unknown>(['Succeeded', 'Failed', 'Skipped']);

function isHandledRequest(value: unknown): value is HandledRequest {
  return isMap(value) && typeof value.requestId === 'string' && OUTCOMES.has(value.outcome);
}

function readOperations(value: unknown): OperationsStatus | undefined {
  if (!isMap(value)) return undefined;
  const entries = RECORDED_REQUESTS.flatMap((operation) => {
    const handled = value[operation];
    return isHandledRequest(handled) ? [[operation, { requestId: handled.requestId, outcome: handled.outcome }] as const] : [];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

const MAJOR = /^[1-9][0-9]*$/;

function readMajorVersion(value: unknown): MajorVersionStatus | undefined {
  if (!isMap(value)) return undefined;
  const record: MajorVersionStatus = {};
  if (typeof value.current === 'string' && MAJOR.test(value.current)) record.current = value.current;
  const last = value.lastUpgrade;
  if (isMap(last) && typeof last.targetMajor === 'string' && (last.outcome === 'Succeeded' || last.outcome === 'Failed')) {
    record.lastUpgrade = { targetMajor: last.targetMajor, ...(typeof last.retry === 'string' ? { retry: last.retry } : {}), outcome: last.outcome };
  }
  return Object.keys(record).length > 0 ? record : undefined;
}

/** The parent's `status` as far as it is readable: a malformed phase, condition or operation record is left out. */
export function readPreviousStatus(status: unknown): PreviousStatus | undefined {
  if (!isMap(status)) return undefined;
  const phase = typeof status.PostgresClusterStatus === 'string' ? status.PostgresClusterStatus : undefined;
  const conditions = Array.isArray(status.conditions) ? status.conditions.filter(isPreviousCondition) : [];
  const operations = readOperations(status.operations);
  const majorVersion = readMajorVersion(status.majorVersion);
  return { ...(phase !== undefined ? { phase } : {}), conditions, ...(operations ? { operations } : {}), ...(majorVersion ? { majorVersion } : {}) };
}

function condition(input: ConditionInput, previous: PreviousStatus | undefined, now: Date): Condition {
  const status = input.ok ? 'True' : 'False';
  const before = previous?.conditions.find((c) => c.type === input.type);
  return {
    type: input.type,
    status,
    reason: input.reason,
    message: input.message,
    lastTransitionTime: before && before.status === status ? before.lastTransitionTime : now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

export function buildStatus(input: StatusInput): PostgresStatus {
  const status: PostgresStatus = {
    PostgresClusterStatus: input.phase,
    ...(input.observedGeneration !== undefined ? { observedGeneration: input.observedGeneration } : {}),
    conditions: input.conditions.map((c) => condition(c, input.previous, input.now)),
  };
  if (input.readyInstances !== undefined) status.readyInstances = input.readyInstances;
  if (input.unmanagedSecrets && input.unmanagedSecrets.length > 0) status.unmanagedSecrets = input.unmanagedSecrets;
  const operations = input.operations ?? input.previous?.operations;
  if (operations && Object.keys(operations).length > 0) status.operations = operations;
  const majorVersion = input.majorVersion ?? input.previous?.majorVersion;
  if (majorVersion && Object.keys(majorVersion).length > 0) status.majorVersion = majorVersion;
  return status;
}

/**
 * Creating until the StatefulSet first has every pod ready; Updating when it falls behind after that.
 * `podsCurrent`: with OnDelete the StatefulSet controller never moves `currentRevision` (only a rolling update
 * completes a revision), so whether every pod runs the current template is the operations planner's word (its
 * rollout condition); without it, the revisions tell, as the controller completes them under RollingUpdate.
 */
export function phaseOf(statefulSet: IStatefulSet | undefined, desiredReplicas: number, previous: string | undefined, podsCurrent?: boolean): ClusterPhase {
  if (!statefulSet) return 'Creating';
  const status = statefulSet.status;
  const generationSeen = (status?.observedGeneration ?? 0) >= (statefulSet.metadata?.generation ?? 0);
  const rolledOut = podsCurrent ?? (!status?.updateRevision || status.currentRevision === status.updateRevision);
  const ready = generationSeen && rolledOut && (status?.readyReplicas ?? 0) >= desiredReplicas && (status?.replicas ?? 0) === desiredReplicas;
  if (ready) return 'Running';
  return previous === 'Running' || previous === 'Updating' ? 'Updating' : 'Creating';
}
