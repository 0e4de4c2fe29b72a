// The restore of a logical backup, declared on the `postgresql` object:
//   postgres-metacontroller.io/restore-logical-backup: <request id>          (run once per id)
//   postgres-metacontroller.io/restore-logical-backup-source: <file>.sql.gz | s3://… | gs://… | az://<container>/… | https://…
//   postgres-metacontroller.io/restore-logical-backup-database: <target database>
//   postgres-metacontroller.io/restore-logical-backup-from-database: <database in the dump>   (default: the target's name)
//   postgres-metacontroller.io/restore-logical-backup-overwrite: "true"     (replace a non-empty target once restored)
// One Job (`<cluster>-restore-<hash of the id>`) with its state ConfigMap: a fetch init container from the
// logical backup pod (image, environment, credentials, service account) copies the dump into an emptyDir,
// then the restore command of our image (restore/) puts the database in. Outcome: condition `LogicalRestore`.
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { OperatorConfig } from '../../schemas/config.js';
import type { KubeObject } from '../../schemas/hook.js';
import { RESTORE_DATABASE_PATTERN, type RestoreState } from '../../schemas/restore-state.js';
import { fetchCommand, restoreSource } from '../backup/fetch.js';
import { planRequest, requestBlocked, type RequestResult } from '../backup/requests.js';
import type { Cluster } from '../cluster.js';
import { hookJob, jobLabels, keptJob, restrictedContainerSecurity, STATE_KEY, stateConfigMap, summaryAsTerminationMessage } from '../jobs.js';
import { annotationKeys, names } from '../names.js';
import type { Observed } from '../observed.js';
import { literal } from '../pod/env-list.js';
import { backupEnvironmentSecret, logicalBackupJobTemplate } from '../pod/logical-backup-pod.js';
import type { ConditionInput } from '../status.js';
import { superuserConnectionEnv } from './setup-job.js';

export const LOGICAL_RESTORE_CONDITION = 'LogicalRestore';
const STATE_DIR = '/etc/postgres-restore';
const DUMP_DIR = '/restore';
export const DUMP_PATH = `${DUMP_DIR}/dump.sql.gz`;
const JOB_UID = 10001;
const DATABASE = new RegExp(RESTORE_DATABASE_PATTERN);

/** The request as its annotations state it, or what is wrong with them (each annotation named). */
export function restoreRequest(cluster: Cluster, config: OperatorConfig): { state: Omit<RestoreState, 'requestId'>; source: Exclude<ReturnType<typeof restoreSource>, { invalid: string }> } | { invalid: string } {
  const a = cluster.annotations;
  const problems: string[] = [];
  const sourceText = a[annotationKeys.restoreSource] ?? '';
  const source = restoreSource(sourceText, cluster, config);
  if ('invalid' in source) problems.push(`${annotationKeys.restoreSource} ${sourceText ? source.invalid : 'is missing'}`);
  const database = a[annotationKeys.restoreDatabase] ?? '';
  const fromDatabase = a[annotationKeys.restoreFromDatabase] || database;
  const nameProblem = (key: string, value: string) => (DATABASE.test(value) ? [] : [`${key} ${value ? `"${value}" is not a database name to restore (letters, digits, _ and -, at most 63, not template0/template1)` : 'is missing'}`]);
  problems.push(...nameProblem(annotationKeys.restoreDatabase, database));
  if (a[annotationKeys.restoreFromDatabase]) problems.push(...nameProblem(annotationKeys.restoreFromDatabase, fromDatabase));
  const overwrite = a[annotationKeys.restoreOverwrite];
  if (overwrite !== undefined && overwrite !== 'true' && overwrite !== 'false') problems.push(`${annotationKeys.restoreOverwrite} is "true" or "false"`);
  if (problems.length > 0 || 'invalid' in source) return { invalid: problems.join('; ') };
  const owner = cluster.spec.databases?.[database];
  return {
    source,
    state: { cluster: cluster.name, namespace: cluster.namespace, ...(cluster.uid ? { parentUid: cluster.uid } : {}), dumpPath: DUMP_PATH, fromDatabase, database, ...(owner ? { owner } : {}), overwrite: overwrite === 'true' },
  };
}

function restoreJob(cluster: Cluster, config: OperatorConfig, name: string, request: Extract<ReturnType<typeof restoreRequest>, { state: unknown }>, extra: ReturnType<typeof backupEnvironmentSecret>) {
  const backupPod = logicalBackupJobTemplate(cluster, config, extra.secret).spec.template.spec!;
  const [backup] = backupPod.containers;
  const gcsCredentials = config.logical_backup_google_application_credentials !== ''
    || Object.keys(extra.secret?.data ?? {}).includes('LOGICAL_BACKUP_GOOGLE_APPLICATION_CREDENTIALS');
  const dumpMount = { name: 'dump', mountPath: DUMP_DIR };
  const fetch = {
    name: 'fetch',
    image: backup!.image,
    imagePullPolicy: backup!.imagePullPolicy,
    command: fetchCommand(request.source, config, DUMP_PATH, gcsCredentials),
    // The providers' clients keep their caches and configuration under HOME.
    env: [...(backup!.env ?? []), literal('HOME', DUMP_DIR)],
    resources: backup!.resources,
    securityContext: backup!.securityContext,
    volumeMounts: [...(backup!.volumeMounts ?? []), dumpMount],
  };
  const restore = {
    name: 'restore',
    image: config.setup_job_image,
    imagePullPolicy: 'IfNotPresent',
    command: ['node', 'dist/restore/cli.js', '--state', `${STATE_DIR}/${STATE_KEY}`, ...summaryAsTerminationMessage.args],
    ...summaryAsTerminationMessage.fields,
    env: superuserConnectionEnv(cluster, config),
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
    securityContext: { ...restrictedContainerSecurity, runAsNonRoot: true, runAsUser: JOB_UID, runAsGroup: JOB_UID },
    volumeMounts: [{ name: 'state', mountPath: STATE_DIR, readOnly: true }, { ...dumpMount, readOnly: true }],
  };
  const labels = jobLabels(cluster, config, 'restore');
  const podSpec = {
    ...backupPod,
    initContainers: [fetch],
    containers: [restore],
    volumes: [...(backupPod.volumes ?? []), { name: 'state', configMap: { name } }, { name: 'dump', emptyDir: {} }],
  };
  // A restore is never run twice by the Job controller: a failure waits for a person and a new request id.
  return hookJob(cluster, config, name, labels, { backoffLimit: 0 }, podSpec);
}

export function buildLogicalRestoreRequest(cluster: Cluster, config: OperatorConfig, observed: Observed): RequestResult {
  const requestId = cluster.annotations[annotationKeys.restoreLogicalBackup];
  const request = requestId ? restoreRequest(cluster, config) : undefined;
  const extra = backupEnvironmentSecret(cluster, config, observed);
  const plan = planRequest({
    cluster, observed, request: 'logicalRestore', requestId, conditionType: LOGICAL_RESTORE_CONDITION,
    prefix: names.restorePrefix(cluster.name), jobName: (hash) => names.restore(cluster.name, hash),
    invalid: request && 'invalid' in request ? request.invalid : undefined,
    blocked: requestBlocked(cluster, observed, extra.missing),
  });
  const children: KubeObject[] = plan.keep.flatMap((name) => keptJob(observed, name));
  if (plan.start && requestId && request && 'state' in request) {
    const state: RestoreState = { ...request.state, requestId };
    const labels = jobLabels(cluster, config, 'restore');
    children.push(
      stateConfigMap(cluster, config, plan.start, labels, `${JSON.stringify(state, null, 2)}\n`) as KubeObject,
      restoreJob(cluster, config, plan.start, request, extra) as IJob as KubeObject,
    );
  }
  return { children, condition: plan.condition, handled: plan.handled };
}
