// `status`: one screen per cluster, like `kubectl cnpg status`, from the `postgresql` object (its status
// as the sync hook wrote it), its children and its database pods. Pure: the caller reads the objects.
import { DECLARATIVE_OPERATIONS, type Condition, type PostgresStatus } from '../schemas/postgresql.js';
import { annotationKeys } from '../hooks/names.js';
import type { KubeObject, SyncRequest } from '../schemas/hook.js';
import { metadataField } from './documents.js';

type Parent = SyncRequest['parent'];

interface PodStatus {
  conditions?: Array<{ type?: string; status?: string }>;
  containerStatuses?: Array<{ restartCount?: number }>;
  phase?: string;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}

function podRow(pod: KubeObject, templateHash: string | undefined, roleLabel: string): string[] {
  const status = (pod.status ?? {}) as PodStatus;
  const ready = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'yes' : 'no';
  const restarts = (status.containerStatuses ?? []).reduce((sum, c) => sum + (c.restartCount ?? 0), 0);
  const hash = pod.metadata.annotations?.[annotationKeys.podTemplateHash];
  const template = hash === undefined ? 'not stamped' : hash === templateHash ? 'current' : 'outdated';
  return [pod.metadata.name, pod.metadata.labels?.[roleLabel] ?? '-', ready, String(restarts), status.phase ?? '-', template];
}

function conditionRows(conditions: Condition[]): string[][] {
  return [['TYPE', 'STATUS', 'REASON', 'SINCE', 'MESSAGE'], ...conditions.map((c) => [c.type, c.status, c.reason, c.lastTransitionTime, c.message])];
}

function jobLine(job: KubeObject): string {
  const status = (job.status ?? {}) as { active?: number; succeeded?: number; failed?: number; conditions?: Array<{ type?: string; status?: string }> };
  const finished = status.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.type;
  const state = finished ?? (status.active ? 'Running' : 'Pending');
  return `${job.metadata.name}  ${state}`;
}

export interface StatusInput {
  parent: Parent;
  children: KubeObject[];
  pods: KubeObject[];
  /** `pod_role_label` of the configuration. */
  roleLabel: string;
}

export function statusScreen({ parent, children, pods, roleLabel }: StatusInput): string {
  const status = (parent.status ?? {}) as Partial<PostgresStatus>;
  const spec = (parent.spec ?? {}) as { numberOfInstances?: number; postgresql?: { version?: string } };
  const statefulSet = children.find((c) => c.kind === 'StatefulSet' && c.metadata.name === parent.metadata.name);
  const desired = (statefulSet?.spec as { replicas?: number } | undefined)?.replicas ?? spec.numberOfInstances ?? 0;
  const ready = (statefulSet?.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0;
  const templateHash = (statefulSet?.spec as { template?: { metadata?: { annotations?: Record<string, string> } } } | undefined)?.template?.metadata?.annotations?.[annotationKeys.podTemplateHash];
  const primary = pods.filter((p) => p.metadata.labels?.[roleLabel] === 'master').map((p) => p.metadata.name);
  const generation = metadataField<number>(parent, 'generation');
  const lines = [
    `Cluster:     ${parent.metadata.namespace}/${parent.metadata.name}`,
    `Phase:       ${status.PostgresClusterStatus || '(none yet)'}  (generation ${generation ?? '?'}, observed ${status.observedGeneration ?? 'never'})`,
    `PostgreSQL:  ${spec.postgresql?.version ?? '?'}`,
    `Instances:   ${ready} of ${desired} ready`,
    `Primary:     ${primary.length === 0 ? '(none)' : primary.join(', ')}`,
  ];
  if (pods.length > 0) lines.push('', 'Pods:', ...table([['NAME', 'ROLE', 'READY', 'RESTARTS', 'PHASE', 'TEMPLATE'], ...pods.map((p) => podRow(p, templateHash, roleLabel))]).map((l) => `  ${l}`));
  const conditions = status.conditions ?? [];
  if (conditions.length > 0) lines.push('', 'Conditions:', ...table(conditionRows(conditions)).map((l) => `  ${l}`));
  const problems = conditions.filter((c) => c.type !== 'Warnings' && c.type !== 'Hibernated' && c.status === 'False');
  const warnings = conditions.filter((c) => c.type === 'Warnings' && c.status === 'True');
  if (problems.length > 0 || warnings.length > 0) {
    lines.push('', 'Last errors and warnings:', ...[...problems, ...warnings].map((c) => `  ${c.type}: ${c.message}`));
  }
  const operations = DECLARATIVE_OPERATIONS.flatMap((operation) => {
    const handled = status.operations?.[operation];
    const requested = parent.metadata.annotations?.[annotationKeys[operation]];
    if (!handled && !requested) return [];
    const pending = requested !== undefined && requested !== handled?.requestId ? ` (requested ${requested}, not handled yet)` : '';
    return [`  ${operation}: ${handled ? `${handled.requestId} ${handled.outcome}` : '-'}${pending}`];
  });
  if (operations.length > 0) lines.push('', 'Requests:', ...operations);
  const jobs = children.filter((c) => c.kind === 'Job');
  if (jobs.length > 0) lines.push('', 'Jobs:', ...jobs.map((j) => `  ${jobLine(j)}`));
  const others = children.filter((c) => c.kind !== 'Job' && c.kind !== 'ConfigMap').map((c) => `${c.kind}/${c.metadata.name}`);
  if (others.length > 0) lines.push('', 'Objects:', ...others.map((o) => `  ${o}`));
  return lines.join('\n');
}
