// The on-demand logical backup: the annotation `postgres-metacontroller.io/logical-backup: <request id>`
// runs the CronJob's Job template now, as a Job named by the request id's hash, once per id
// (hooks/backup/requests.ts). Its `LogicalBackup` condition tells the last scheduled run (the CronJob's
// status) and the last on-demand one (the Job's outcome).
import type { ICronJob } from 'kubernetes-models/batch/v1/CronJob';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { OperatorConfig } from '../../schemas/config.js';
import type { KubeObject } from '../../schemas/hook.js';
import { planRequest, requestBlocked, type RequestResult } from '../backup/requests.js';
import { objectMeta, type Cluster } from '../cluster.js';
import { keptJob } from '../jobs.js';
import { annotationKeys, ChildKind, names } from '../names.js';
import type { Observed } from '../observed.js';
import { withBackupEvents } from '../pod/logical-backup-events.js';
import { backupEnvironmentSecret, logicalBackupJobTemplate } from '../pod/logical-backup-pod.js';
import type { ConditionInput } from '../status.js';
import { logicalBackupWanted } from './logical-backup.js';

export const LOGICAL_BACKUP_CONDITION = 'LogicalBackup';

function scheduledRuns(cluster: Cluster, config: OperatorConfig, observed: Observed): string {
  const name = names.logicalBackupCronJob(cluster.name, config, (n) => observed.child(ChildKind.CronJob, n) !== undefined);
  const status = observed.child<ICronJob>(ChildKind.CronJob, name)?.status;
  const schedule = cluster.spec.logicalBackupSchedule || config.logical_backup_schedule;
  return `scheduled (${schedule}, CronJob ${name}): last run ${status?.lastScheduleTime ?? 'none yet'}, last success ${status?.lastSuccessfulTime ?? 'none yet'}`;
}

export function buildLogicalBackupRequest(cluster: Cluster, config: OperatorConfig, observed: Observed): RequestResult {
  const enabled = logicalBackupWanted(cluster, config);
  const extra = backupEnvironmentSecret(cluster, config, observed);
  const requestId = cluster.annotations[annotationKeys.logicalBackup];
  const plan = planRequest({
    cluster, observed, request: 'logicalBackup', requestId, conditionType: LOGICAL_BACKUP_CONDITION,
    prefix: names.logicalBackupJobPrefix(cluster.name), jobName: (hash) => names.logicalBackupJob(cluster.name, hash),
    refused: enabled ? undefined : 'logical backups are not enabled for this cluster (spec.enableLogicalBackup, and at least one instance)',
    blocked: requestBlocked(cluster, observed, extra.missing),
  });
  const children: KubeObject[] = plan.keep.flatMap((name) => keptJob(observed, name));
  if (plan.start && requestId) {
    const template = withBackupEvents(logicalBackupJobTemplate(cluster, config, extra.secret), cluster, config, { requestId });
    const job: IJob = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: objectMeta(cluster, plan.start, template.metadata?.labels ?? {}, template.metadata?.annotations),
      spec: template.spec,
    };
    children.push(job as KubeObject);
  }
  const scheduled = enabled ? scheduledRuns(cluster, config, observed) : undefined;
  const onDemand = plan.condition;
  const condition: ConditionInput | undefined = onDemand
    ? { ...onDemand, message: `on demand: ${onDemand.message}${scheduled ? `; ${scheduled}` : ''}` }
    : scheduled ? { type: LOGICAL_BACKUP_CONDITION, ok: true, reason: 'Scheduled', message: scheduled } : undefined;
  return { children, condition, handled: plan.handled };
}
