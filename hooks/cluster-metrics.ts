// Per-cluster gauges for the hook's /metrics, read from what each sync answer says, so one alert rule
// covers every cluster. The hooks stay pure: the process only remembers the last answer per cluster,
// at most MAX_CLUSTERS of them and none older than SAMPLE_TTL_MS. With several hook replicas each one
// exposes the clusters it answered lately (Metacontroller's calls are spread over them): aggregate with
// `max by (namespace, name)` and give alerts a `for:` longer than the TTL (README, Metrics).
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { SyncRequest, SyncResponse } from '../schemas/hook.js';
import { CLUSTER_STATUSES } from '../schemas/postgresql.js';
import { ChildKind, names } from './names.js';
import { Observed } from './observed.js';
import { CONDITION_TYPES } from './operations/plan.js';

export const MAX_CLUSTERS = 10_000;
/** Ten resyncs of the default CompositeController (60 s): a cluster no replica answered since is gone or elsewhere. */
export const SAMPLE_TTL_MS = 10 * 60_000;

/** The steps a Job carries out, by the condition that reports the last one's outcome. */
export const STEP_CONDITIONS: Record<string, string> = {
  setup: 'DatabaseSetup',
  backup: 'LogicalBackup',
  ...CONDITION_TYPES,
};

export interface ClusterSample {
  namespace: string;
  name: string;
  phase: string;
  /** Pods the answer's StatefulSet asks for (0 when it has none, e.g. an invalid new cluster). */
  desired: number;
  /** Ready pods of the observed StatefulSet. */
  ready: number;
  /** 1 for each step whose last Job failed, 0 for each step reported otherwise. */
  failedSteps: Record<string, 0 | 1>;
  /** When the answer was given, in milliseconds. */
  at: number;
}

export function clusterSample(request: SyncRequest, response: SyncResponse, now: Date): ClusterSample {
  const { namespace, name } = request.parent.metadata;
  const statefulSetName = names.statefulSet(name);
  const answered = response.children.find((c) => c.kind === 'StatefulSet' && c.metadata.name === statefulSetName) as IStatefulSet | undefined;
  const observed = new Observed(request.children).child<IStatefulSet>(ChildKind.StatefulSet, statefulSetName);
  const conditions = new Map((response.status.conditions ?? []).map((c) => [c.type, c]));
  const failedSteps: Record<string, 0 | 1> = {};
  for (const [step, type] of Object.entries(STEP_CONDITIONS)) {
    const condition = conditions.get(type);
    if (condition) failedSteps[step] = condition.reason === 'Failed' ? 1 : 0;
  }
  return {
    namespace, name, phase: response.status.PostgresClusterStatus,
    desired: answered?.spec?.replicas ?? 0, ready: observed?.status?.readyReplicas ?? 0, failedSteps, at: now.getTime(),
  };
}

type Labels = Record<string, string>;

export class ClusterGauges {
  private readonly samples = new Map<string, ClusterSample>();
  constructor(private readonly limits = { clusters: MAX_CLUSTERS, ttlMs: SAMPLE_TTL_MS }) {}

  record(sample: ClusterSample): void {
    const key = `${sample.namespace}/${sample.name}`;
    // Deleted and set again, the newest answer is last: when full, the oldest goes first.
    this.samples.delete(key);
    this.samples.set(key, sample);
    for (const oldest of this.samples.keys()) {
      if (this.samples.size <= this.limits.clusters) break;
      this.samples.delete(oldest);
    }
  }

  /** A cluster being deleted: its series end now rather than alerting until they expire. */
  forget(namespace: string, name: string): void {
    this.samples.delete(`${namespace}/${name}`);
  }

  render(now: Date, labelText: (labels: Labels) => string): string[] {
    for (const [key, sample] of this.samples) if (now.getTime() - sample.at > this.limits.ttlMs) this.samples.delete(key);
    const samples = [...this.samples.values()];
    const gauge = (name: string, help: string, rows: Array<[Labels, number]>) =>
      [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, ...rows.map(([labels, value]) => `${name}${labelText(labels)} ${value}`)];
    const id = (s: ClusterSample): Labels => ({ namespace: s.namespace, name: s.name });
    const phases = (s: ClusterSample) => [...new Set([...CLUSTER_STATUSES, s.phase || 'Unknown'])];
    return [
      ...gauge('pgmc_cluster_phase', 'The cluster\'s phase (status.PostgresClusterStatus) as last answered: 1 for it, 0 for the others.',
        samples.flatMap((s) => phases(s).map((phase): [Labels, number] => [{ ...id(s), phase }, phase === (s.phase || 'Unknown') ? 1 : 0]))),
      ...gauge('pgmc_cluster_instances_desired', 'Database pods the StatefulSet asks for.', samples.map((s) => [id(s), s.desired])),
      ...gauge('pgmc_cluster_instances_ready', 'Ready database pods.', samples.map((s) => [id(s), s.ready])),
      ...gauge('pgmc_cluster_step_failed', 'Whether the last Job of a step (setup, backup, config, rollout, switchover, restart, reload, resize, upgrade) failed: 1 failed, 0 otherwise.',
        samples.flatMap((s) => Object.entries(s.failedSteps).map(([step, failed]): [Labels, number] => [{ ...id(s), step }, failed]))),
      ...gauge('pgmc_cluster_last_sync_timestamp_seconds', 'When this process last answered a sync for the cluster.', samples.map((s) => [id(s), s.at / 1000])),
    ];
  }
}
