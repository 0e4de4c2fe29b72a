import t from 'tap';
import { loadManifest, syncRequest } from '../../fixtures/requests.js';
import type { KubeObject, SyncResponse } from '../../schemas/hook.js';
import { childrenOf, fedBack, inputs, validateKube, withSpecChange } from '../../test/support.js';
import { objectProblems } from '../api-rules/objects.js';
import { sync } from '../sync.js';

const manifest = loadManifest('logical-backup');

type CronJob = KubeObject & { spec: any };

function cronJob(response: SyncResponse): CronJob | undefined {
  return childrenOf(response, 'CronJob')[0] as CronJob | undefined;
}

function envOf(job: CronJob): Array<[string, unknown]> {
  return job.spec.jobTemplate.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom ?? '']);
}

const providerEnd = (job: CronJob) => envOf(job).slice(13).map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`);

t.test('s3, gcs and az each get their variables after the common ones, in Zalando\'s order', async (t) => {
  const s3 = cronJob(sync(syncRequest(manifest), inputs({
    logical_backup_s3_region: 'eu-central-1', logical_backup_s3_endpoint: 'https://s3.example.com',
    logical_backup_s3_access_key_id: 'AKIA', logical_backup_s3_secret_access_key: 'shh',
  })))!;
  validateKube(s3);
  t.same(envOf(s3).slice(0, 13).map(([name]) => name), [
    'SCOPE', 'CLUSTER_NAME_LABEL', 'POD_NAMESPACE', 'PG_VERSION', 'PGPORT', 'PGUSER', 'PGDATABASE', 'PGSSLMODE', 'PGPASSWORD',
    'LOGICAL_BACKUP_PROVIDER', 'LOGICAL_BACKUP_S3_BUCKET', 'LOGICAL_BACKUP_S3_BUCKET_PREFIX', 'LOGICAL_BACKUP_S3_BUCKET_SCOPE_SUFFIX',
  ]);
  t.same(providerEnd(s3), [
    'LOGICAL_BACKUP_S3_REGION=eu-central-1', 'LOGICAL_BACKUP_S3_ENDPOINT=https://s3.example.com', 'LOGICAL_BACKUP_S3_SSE=AES256',
    'LOGICAL_BACKUP_S3_RETENTION_TIME=14 days', 'AWS_ACCESS_KEY_ID=AKIA', 'AWS_SECRET_ACCESS_KEY=shh',
  ], 'the manifest retention wins over the configuration');

  const gcs = cronJob(sync(syncRequest(manifest), inputs({ logical_backup_provider: 'gcs', logical_backup_google_application_credentials: '/creds/key.json' })))!;
  t.same(providerEnd(gcs), ['LOGICAL_BACKUP_GOOGLE_APPLICATION_CREDENTIALS=/creds/key.json']);
  const az = cronJob(sync(syncRequest(manifest), inputs({ logical_backup_provider: 'az', logical_backup_azure_storage_account_name: 'acct', logical_backup_azure_storage_container: 'dumps' })))!;
  t.same(providerEnd(az), ['LOGICAL_BACKUP_AZURE_STORAGE_ACCOUNT_NAME=acct', 'LOGICAL_BACKUP_AZURE_STORAGE_CONTAINER=dumps'], 'no account key unless configured');
  t.matchSnapshot({ s3: s3.spec.jobTemplate.spec.template.spec.containers[0].env, gcs: envOf(gcs), az: envOf(az) }, 'backup environment per provider');
});

t.test('schedule, history, TTL, name and pod placement', async (t) => {
  const job = cronJob(sync(syncRequest(manifest), inputs()))!;
  t.equal(job.metadata.name, 'logical-backup-acid-backed-up');
  t.equal(job.spec.schedule, '15 3 * * *', 'the manifest schedule wins');
  t.equal(job.spec.concurrencyPolicy, 'Forbid');
  t.equal(job.spec.jobTemplate.spec.ttlSecondsAfterFinished, 86400);
  const plain = { ...manifest, spec: { ...manifest.spec, logicalBackupSchedule: undefined, logicalBackupRetention: undefined } };
  const configured = cronJob(sync(syncRequest(plain), inputs({ logical_backup_schedule: '0 1 * * 0', logical_backup_successful_jobs_history_limit: 1, logical_backup_s3_retention_time: '1 week', logical_backup_ttl_seconds_after_finished: 600 })))!;
  t.equal(configured.spec.schedule, '0 1 * * 0');
  t.equal(configured.spec.successfulJobsHistoryLimit, 1);
  t.equal(configured.spec.jobTemplate.spec.ttlSecondsAfterFinished, 600);
  t.ok(envOf(configured).some(([n, v]) => n === 'LOGICAL_BACKUP_S3_RETENTION_TIME' && v === '1 week'));
  const long = { ...manifest, metadata: { ...manifest.metadata, name: `acid-${'x'.repeat(47)}` } };
  const longJob = cronJob(sync(syncRequest(long), inputs()))!;
  t.equal(longJob.metadata.name.length, 52, 'the name is cut to 52 characters');
  const pod = job.spec.jobTemplate.spec.template.spec;
  t.equal(pod.restartPolicy, 'Never');
  t.same(pod.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchLabels.application, 'spilo-logical-backup');
  t.same(job.spec.jobTemplate.spec.template.metadata.annotations, { 'backup.example.com/owner': 'team-acid' });
});

t.test('the extra environment Secret: its keys are appended; while it is missing nothing changes', async (t) => {
  const config = { logical_backup_cronjob_environment_secret: 'backup-env' };
  const missing = sync(syncRequest(manifest), inputs(config));
  t.equal(missing.status.PostgresClusterStatus, 'SyncFailed');
  t.match(missing.status.conditions?.[0]?.message, /Secret default\/backup-env \(logical_backup_cronjob_environment_secret\)/);
  const related = { 'Secret.v1': { 'default/backup-env': { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'backup-env', namespace: 'default' }, data: { ZZ_LAST: 'eA==', AA_FIRST: 'eQ==' } } } };
  const job = cronJob(sync(syncRequest(manifest, [], { related }), inputs(config)))!;
  t.same(envOf(job).slice(-2), [
    ['AA_FIRST', { secretKeyRef: { name: 'backup-env', key: 'AA_FIRST' } }],
    ['ZZ_LAST', { secretKeyRef: { name: 'backup-env', key: 'ZZ_LAST' } }],
  ]);
});

t.test('turning backups off removes the CronJob and only it', async (t) => {
  const request = syncRequest(manifest);
  const on = sync(request, inputs());
  const next = fedBack(request, on);
  const off = sync(withSpecChange(next, { enableLogicalBackup: false }), inputs());
  const gone = on.children.filter((c) => !off.children.some((d) => d.kind === c.kind && d.metadata.name === c.metadata.name));
  t.same(gone.map((c) => `${c.kind} ${c.metadata.name}`), ['CronJob logical-backup-acid-backed-up']);
  const none = sync(syncRequest({ ...manifest, spec: { ...manifest.spec, numberOfInstances: 0 } }), inputs());
  t.equal(childrenOf(none, 'CronJob').length, 0, 'no backups of a cluster without instances');
});

t.test('the Events sidecar: a native sidecar of our image, restricted, told which CronJob it runs for', async (t) => {
  const request = syncRequest(manifest);
  const response = sync(request, inputs());
  const job = cronJob(response)!;
  validateKube(job);
  t.same(objectProblems(job), [], 'the API rules accept it');
  const pod = job.spec.jobTemplate.spec.template.spec;
  t.same(pod.initContainers.map((c: any) => c.name), ['backup-events']);
  const [sidecar] = pod.initContainers;
  t.equal(sidecar.restartPolicy, 'Always', 'a native sidecar: it does not hold the Job\'s completion back');
  t.equal(sidecar.image, inputs().config.setup_job_image);
  t.same(sidecar.command, [
    'node', 'dist/job-events/cli.js', '--self', 'backup-events', '--container', 'logical-backup', '--cluster', 'acid-backed-up',
    '--cluster-uid', request.parent.metadata.uid, '--cron-job', 'logical-backup-acid-backed-up', '--wait-seconds', '60', '--termination-log', '/dev/termination-log',
  ]);
  t.same(sidecar.env.map((e: any) => [e.name, e.valueFrom.fieldRef.fieldPath]), [['POD_NAME', 'metadata.name'], ['POD_NAMESPACE', 'metadata.namespace']]);
  t.match(sidecar.securityContext, { runAsNonRoot: true, runAsUser: 10001, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
  t.same(sidecar.resources, { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } });
  t.equal(pod.containers[0].terminationMessagePolicy, 'FallbackToLogsOnError', 'a failed dump leaves its log\'s tail for the sidecar to quote');
  t.equal(pod.serviceAccountName, 'postgres-pod', 'as the database pods\' account, which may create Events');
  t.same(sync(fedBack(request, response), inputs()).children, response.children, 'converges');
});

t.test('the sidecar waits for the end at most half the grace period, a minute at most', async (t) => {
  const waitOf = (config: object) => {
    const command: string[] = cronJob(sync(syncRequest(manifest), inputs(config)))!.spec.jobTemplate.spec.template.spec.initContainers[0].command;
    return command[command.indexOf('--wait-seconds') + 1];
  };
  t.equal(waitOf({ pod_terminate_grace_period: '30s' }), '15');
  t.equal(waitOf({ pod_terminate_grace_period: '1s' }), '1');
  t.equal(waitOf({ pod_terminate_grace_period: '1h' }), '60');
});

t.test('with az no log tail: dump.sh traces the upload command, which carries the account key', async (t) => {
  const az = cronJob(sync(syncRequest(manifest), inputs({ logical_backup_provider: 'az', logical_backup_azure_storage_account_key: 'key' })))!;
  const pod = az.spec.jobTemplate.spec.template.spec;
  t.equal(pod.initContainers.length, 1, 'the Events sidecar still runs');
  t.equal(pod.containers[0].terminationMessagePolicy, undefined);
});

t.test('enable_logical_backup_events: false leaves the pod as Zalando makes it', async (t) => {
  const off = cronJob(sync(syncRequest(manifest), inputs({ enable_logical_backup_events: false })))!;
  const on = cronJob(sync(syncRequest(manifest), inputs()))!;
  const pod = off.spec.jobTemplate.spec.template.spec;
  t.equal(pod.initContainers, undefined);
  t.equal(pod.containers[0].terminationMessagePolicy, undefined);
  const { initContainers: _, containers: [backup], ...rest } = on.spec.jobTemplate.spec.template.spec;
  const { terminationMessagePolicy: __, ...plainBackup } = backup;
  t.same({ ...rest, containers: [plainBackup] }, pod, 'nothing else differs');
});
