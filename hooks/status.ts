// The parent's status. Metacontroller replaces the whole status with what we return and calls again
// when it changes, so it must be a function of the request: condition times move only when a
// condition's status flips.
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { Condition, PostgresStatus } from '../schemas/postgresql.js';

export type ClusterPhase = 'Creating' | 'Updating' | 'Running' | 'Invalid' | 'SyncFailed';

export interface ConditionInput { type: string; ok: boolean; reason: string; message: string }

export interface StatusInput {
  phase: ClusterPhase;
  conditions: ConditionInput[];
  readyInstances?: number | undefined;
  unmanagedSecrets?: string[] | undefined;
  previous: PostgresStatus | undefined;
  now: Date;
}

function condition(input: ConditionInput, previous: Condition[] | undefined, now: Date): Condition {
  const status = input.ok ? 'True' : 'False';
  const before = previous?.find((c) => c.type === input.type);
  return {
    type: input.type,
    status,
    reason: input.reason,
    message: input.message,
    lastTransitionTime: before && before.status === status ? before.lastTransitionTime : now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

export function buildStatus(input: StatusInput): PostgresStatus {
  const previous = Array.isArray(input.previous?.conditions) ? input.previous.conditions : undefined;
  const status: PostgresStatus = {
    PostgresClusterStatus: input.phase,
    conditions: input.conditions.map((c) => condition(c, previous, input.now)),
  };
  if (input.readyInstances !== undefined) status.readyInstances = input.readyInstances;
  if (input.unmanagedSecrets && input.unmanagedSecrets.length > 0) status.unmanagedSecrets = input.unmanagedSecrets;
  return status;
}

/** Creating until the StatefulSet first has every pod ready; Updating when it falls behind after that. */
export function phaseOf(statefulSet: IStatefulSet | undefined, desiredReplicas: number, previous: string | undefined): ClusterPhase {
  if (!statefulSet) return 'Creating';
  const status = statefulSet.status;
  const generationSeen = (status?.observedGeneration ?? 0) >= (statefulSet.metadata?.generation ?? 0);
  const rolledOut = !status?.updateRevision || status.currentRevision === status.updateRevision;
  const ready = generationSeen && rolledOut && (status?.readyReplicas ?? 0) >= desiredReplicas && (status?.replicas ?? 0) === desiredReplicas;
  if (ready) return 'Running';
  return previous === 'Running' || previous === 'Updating' ? 'Updating' : 'Creating';
}
