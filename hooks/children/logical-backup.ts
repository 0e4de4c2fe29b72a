// The logical backup CronJob (zalando-objects.md §6): pg_dumpall on a schedule by Zalando's
// logical-backup image, its Job template shared with the on-demand backup (hooks/pod/logical-backup-pod.ts).
import type { ICronJob } from 'kubernetes-models/batch/v1/CronJob';
import type { OperatorConfig } from '../../schemas/config.js';
import { objectMeta, podAnnotations, type Cluster } from '../cluster.js';
import { instanceCount } from '../instances.js';
import { ChildKind, names } from '../names.js';
import type { Observed } from '../observed.js';
import { withBackupEvents } from '../pod/logical-backup-events.js';
import { backupEnvironmentSecret, logicalBackupJobTemplate, logicalBackupLabels } from '../pod/logical-backup-pod.js';
import { isHibernated } from '../switches.js';

export function logicalBackupWanted(cluster: Cluster, config: OperatorConfig): boolean {
  return cluster.spec.enableLogicalBackup === true && instanceCount(cluster, config) > 0;
}

export interface LogicalBackupResult { cronJobs: ICronJob[]; missing: string[] }

export function buildLogicalBackup(cluster: Cluster, config: OperatorConfig, observed: Observed): LogicalBackupResult {
  if (!logicalBackupWanted(cluster, config)) return { cronJobs: [], missing: [] };
  const extra = backupEnvironmentSecret(cluster, config, observed);
  if (extra.missing) return { cronJobs: [], missing: [extra.missing] };
  const owned = (name: string) => observed.child(ChildKind.CronJob, name) !== undefined;
  const name = names.logicalBackupCronJob(cluster.name, config, owned);
  const cronJob: ICronJob = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: objectMeta(cluster, name, logicalBackupLabels(cluster, config), podAnnotations(cluster, config, false)),
    spec: {
      schedule: cluster.spec.logicalBackupSchedule || config.logical_backup_schedule,
      concurrencyPolicy: 'Forbid',
      ...(isHibernated(cluster.annotations) ? { suspend: true } : {}),
      successfulJobsHistoryLimit: config.logical_backup_successful_jobs_history_limit,
      failedJobsHistoryLimit: config.logical_backup_failed_jobs_history_limit,
      jobTemplate: withBackupEvents(logicalBackupJobTemplate(cluster, config, extra.secret), cluster, config, { cronJob: name }),
    },
  };
  return { cronJobs: [cronJob], missing: [] };
}
