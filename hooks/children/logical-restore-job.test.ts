import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { root } from '../../test/deploy-render.js';
import { loadManifest, syncRequest } from '../../fixtures/requests.js';
import { defaultConfig } from '../config.js';
import type { KubeObject, SyncRequest, SyncResponse } from '../../schemas/hook.js';
import { childrenOf, clusterWith, fedBack, inputs, JOB_FAILED, jobPod, validateKube, withAnnotations, withJobStatus, withReadyInstances, withRelated } from '../../test/support.js';
import { fetchCommand, restoreSource, type RestoreSource } from '../backup/fetch.js';
import { intentHash } from '../jobs.js';
import { RelatedKind } from '../names.js';
import { sync } from '../sync.js';

const manifest = { ...loadManifest('logical-backup'), spec: { ...loadManifest('logical-backup').spec, databases: { shop: 'shop_owner' } } };
const RESTORE = 'postgres-metacontroller.io/restore-logical-backup';
const annotations = (extra: Record<string, string> = {}) => ({
  [RESTORE]: 'r1',
  [`${RESTORE}-source`]: '1763607600.sql.gz',
  [`${RESTORE}-database`]: 'shop',
  ...extra,
});
const restoreJobs = (response: SyncResponse) => childrenOf(response, 'Job').filter((job) => job.metadata.name.startsWith('acid-backed-up-restore-'));
const condition = (response: SyncResponse) => (response.status.conditions as any[]).find((c) => c.type === 'LogicalRestore');

function ready(extra: Record<string, string> = {}): SyncRequest {
  const request = syncRequest(manifest);
  return withAnnotations(withReadyInstances(request, sync(request, inputs())), annotations(extra));
}

t.test('fetch commands: the client, flags and object path dump.sh writes with, for each provider', async (t) => {
  const cluster = clusterWith({});
  cluster.uid = '5d2c0e3a-0000-4000-8000-000000000001';
  const config = { ...defaultConfig(), logical_backup_s3_bucket: 'backups', logical_backup_s3_bucket_prefix: 'spilo' };
  const file = '1763607600.sql.gz';
  // dump.sh: <bucket>/<prefix>/<SCOPE><SCOPE_SUFFIX>/logical_backups/<timestamp>.sql.gz, SCOPE_SUFFIX = /<uid>.
  const path = `backups/spilo/${cluster.name}/${cluster.uid}/logical_backups/${file}`;
  const dest = '/restore/dump.sql.gz';
  const s3 = { ...config, logical_backup_s3_endpoint: 'https://minio.example:9000', logical_backup_s3_region: 'eu-central-1' };
  t.same(fetchCommand(restoreSource(file, cluster, s3) as RestoreSource, s3, dest, false),
    ['aws', 's3', 'cp', `s3://${path}`, dest, '--endpoint-url=https://minio.example:9000', '--region=eu-central-1']);
  t.same(fetchCommand(restoreSource(file, cluster, config) as RestoreSource, config, dest, false), ['aws', 's3', 'cp', `s3://${path}`, dest], 'no empty flags');
  const gcs = { ...config, logical_backup_provider: 'gcs' as const };
  t.same(fetchCommand(restoreSource(file, cluster, gcs) as RestoreSource, gcs, dest, true),
    ['gsutil', '-o', 'Credentials:gs_service_key_file=$(LOGICAL_BACKUP_GOOGLE_APPLICATION_CREDENTIALS)', 'cp', `gs://${path}`, dest]);
  t.same(fetchCommand(restoreSource(file, cluster, gcs) as RestoreSource, gcs, dest, false),
    ['gsutil', '-o', 'GoogleCompute:service_account=default', 'cp', `gs://${path}`, dest], 'without a key file: the node\'s default service account, as dump.sh does');
  for (const name of ['2025-11-20.sql.gz', '1763607600.sql', 'logical_backups/1763607600.sql.gz', '1763607600.dump.gz']) {
    t.match(restoreSource(name, cluster, config), { invalid: /is not a backup file name \(<seconds since the epoch>\.sql\.gz/ }, name);
  }
  const az = { ...config, logical_backup_provider: 'az' as const, logical_backup_azure_storage_container: 'dumps' };
  t.same(fetchCommand(restoreSource(file, cluster, az) as RestoreSource, az, dest, false), [
    'az', 'storage', 'blob', 'download', '--file', dest, '--account-name', '$(LOGICAL_BACKUP_AZURE_STORAGE_ACCOUNT_NAME)',
    '--account-key', '$(LOGICAL_BACKUP_AZURE_STORAGE_ACCOUNT_KEY)', '-c', 'dumps', '-n', path,
  ], 'the blob name is the whole path, in the configured container');
  t.same(restoreSource('az://old/a/b.sql.gz', cluster, config), { kind: 'az', container: 'old', blob: 'a/b.sql.gz' });
  t.same(restoreSource('gs://other/x/logical_backups/1.sql.gz', cluster, config), { kind: 'gcs', url: 'gs://other/x/logical_backups/1.sql.gz' });
  t.same(fetchCommand(restoreSource('https://dumps.example/a$b.sql.gz', cluster, config) as RestoreSource, config, dest, false),
    ['curl', '--fail', '--silent', '--show-error', '--location', '--retry', '3', '--output', dest, 'https://dumps.example/a$$b.sql.gz'], 'a literal $ is not expanded by Kubernetes');
  t.match(restoreSource('../etc/passwd', cluster, config), { invalid: /is not a backup file name/ });
});

t.test('a restore request gives a Job: the backup pod\'s fetch container, then the restore command, with its state', async (t) => {
  const response = sync(ready({ [`${RESTORE}-overwrite`]: 'true' }), inputs({ logical_backup_s3_bucket: 'backups' }));
  const [job] = restoreJobs(response) as any[];
  const name = `acid-backed-up-restore-${intentHash(['logicalRestore', 'r1'])}`;
  t.equal(job.metadata.name, name);
  validateKube(job);
  t.equal(job.spec.backoffLimit, 0, 'never run twice by the Job controller');
  const pod = job.spec.template.spec;
  const cronJob = childrenOf(response, 'CronJob')[0] as any;
  const backupContainer = cronJob.spec.jobTemplate.spec.template.spec.containers[0];
  const [fetch] = pod.initContainers;
  t.equal(fetch.image, backupContainer.image);
  t.same(fetch.env.slice(0, -1), backupContainer.env, 'the backup pod\'s environment (credentials, provider settings)');
  t.same(fetch.env.at(-1), { name: 'HOME', value: '/restore' });
  t.same(fetch.command, ['aws', 's3', 'cp', `s3://backups/spilo/acid-backed-up/${syncRequest(manifest).parent.metadata.uid}/logical_backups/1763607600.sql.gz`, '/restore/dump.sql.gz']);
  t.equal(pod.serviceAccountName, cronJob.spec.jobTemplate.spec.template.spec.serviceAccountName, 'the backup pod\'s service account (cloud identity)');
  t.equal(pod.serviceAccountName, 'postgres-pod');
  const rules = parse(readFileSync(join(root, 'deploy/postgres-pod-rbac.yaml'), 'utf8')).rules as Array<{ apiGroups: string[]; resources: string[]; verbs: string[] }>;
  t.ok(rules.some((r) => r.apiGroups.includes('') && r.resources.includes('events') && r.verbs.includes('create')), 'whose role lets it create Events (the chart has the same, test/chart.test.ts)');
  t.not(pod.automountServiceAccountToken, false, 'with its token: the restore command records Events on the postgresql object');
  const [restore] = pod.containers;
  t.same(restore.command, ['node', 'dist/restore/cli.js', '--state', '/etc/postgres-restore/state.json', '--termination-log', '/dev/termination-log']);
  t.same(restore.env.map((e: any) => e.name), ['PGHOST', 'PGPORT', 'PGDATABASE', 'PGUSER', 'PGPASSWORD', 'PGSSLMODE', 'PGCONNECT_TIMEOUT']);
  t.equal(job.spec.template.metadata.labels.application, 'db-restore', 'its pods are related objects (their termination message)');
  const configMap = childrenOf(response, 'ConfigMap').find((c) => c.metadata.name === name) as any;
  t.same(JSON.parse(configMap.data['state.json']), {
    cluster: 'acid-backed-up', namespace: 'default', parentUid: syncRequest(manifest).parent.metadata.uid, dumpPath: '/restore/dump.sql.gz', fromDatabase: 'shop', database: 'shop', owner: 'shop_owner', overwrite: true, requestId: 'r1',
  });
  t.match(condition(response), { status: 'False', reason: 'Pending' });
});

t.test('the restore\'s summary becomes the condition; the request is recorded and never run again', async (t) => {
  const request = ready({ [`${RESTORE}-from-database`]: 'legacy' });
  const started = sync(request, inputs());
  const running = fedBack(request, started);
  t.same(sync(running, inputs()).children, started.children, 'converges');
  const [job] = restoreJobs(started);
  const observedJob = Object.values(running.children['Job.batch/v1']!).find((j) => j.metadata.name === job!.metadata.name)!;
  const summary = '{"summary":{"outcome":"refused","message":"database shop is not empty (4 relation(s)); nothing was changed: restore into another database, or ask to overwrite it"}}';
  const failed = withRelated(withJobStatus(running, (n) => n === job!.metadata.name, JOB_FAILED), RelatedKind.Pod, [jobPod(observedJob, 0, summary)]);
  const response = sync(failed, inputs());
  t.same(response.status.operations?.logicalRestore, { requestId: 'r1', outcome: 'Failed' });
  t.match(condition(response), { status: 'False', reason: 'Failed', message: /failed: database shop is not empty .*; set a new request id to run it again$/ });
  t.same(restoreJobs(response).map((j: KubeObject) => j.metadata.name), [job!.metadata.name], 'the finished Job stays while its request is current');
  // Later answers without the Job do not start it again.
  const later = sync(withAnnotations(fedBack(failed, { ...response, children: response.children.filter((c) => c.kind !== 'Job' || !c.metadata.name.includes('-restore-')) }), {}), inputs());
  t.same(restoreJobs(later), []);
  t.match(condition(later), { reason: 'Failed', message: /request r1 was handled \(Failed\)/ });
});

t.test('unusable annotations are reported by name and start nothing, until corrected under the same id', async (t) => {
  const bad = sync(ready({ [`${RESTORE}-source`]: 'ftp://x/y', [`${RESTORE}-database`]: 'template1', [`${RESTORE}-overwrite`]: 'yes' }), inputs());
  t.same(restoreJobs(bad), []);
  t.match(condition(bad), { reason: 'InvalidRequest', message: /restore-logical-backup-source is not a backup file name.*restore-logical-backup-database "template1" is not a database name.*restore-logical-backup-overwrite is "true" or "false"/ });
  t.equal(bad.status.operations?.logicalRestore, undefined);
  const missing = sync(ready({ [`${RESTORE}-source`]: '', [`${RESTORE}-database`]: '' }), inputs());
  t.match(condition(missing), { message: /source is missing; .*database is missing/ });
  t.equal(restoreJobs(sync(ready(), inputs())).length, 1, 'corrected, the same id runs');
});

t.test('hibernated or paused: no restore Job', async (t) => {
  const hibernated = sync(ready({ 'postgres-metacontroller.io/hibernate': 'true' }), inputs());
  t.same(restoreJobs(hibernated), []);
  t.match(condition(hibernated), { reason: 'Waiting', message: /the cluster is hibernated/ });
  t.same(restoreJobs(sync(ready({ 'postgres-metacontroller.io/pause': 'true' }), inputs())), []);
});
