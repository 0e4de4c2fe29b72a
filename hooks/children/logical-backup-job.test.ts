import t from 'tap';
import { loadManifest, syncRequest } from '../../fixtures/requests.js';
import type { KubeObject, SyncRequest, SyncResponse } from '../../schemas/hook.js';
import { childrenOf, fedBack, inputs, JOB_FAILED, JOB_SUCCEEDED, validateKube, withAnnotations, withJobStatus, withReadyInstances, withSpecChange } from '../../test/support.js';
import { intentHash } from '../jobs.js';
import { sync } from '../sync.js';

const manifest = loadManifest('logical-backup');
const REQUEST = 'postgres-metacontroller.io/logical-backup';
const backupJobs = (response: SyncResponse) => childrenOf(response, 'Job').filter((job) => job.metadata.name.startsWith('acid-backed-up-logical-backup-'));
const condition = (response: SyncResponse, type = 'LogicalBackup') => (response.status.conditions as any[]).find((c) => c.type === type);

/** A cluster with a ready database pod, as Metacontroller sends it once the StatefulSet is up. */
function ready(request: SyncRequest = syncRequest(manifest)): SyncRequest {
  return withReadyInstances(request, sync(request, inputs()));
}

function withCronJobStatus(request: SyncRequest, status: object): SyncRequest {
  const cronJobs = Object.fromEntries(Object.entries(request.children['CronJob.batch/v1'] ?? {}).map(([key, job]) => [key, { ...job, status }]));
  return { ...request, children: { ...request.children, 'CronJob.batch/v1': cronJobs } };
}

t.test('without a request the condition tells the scheduled runs from the CronJob\'s status', async (t) => {
  const request = withCronJobStatus(ready(), { lastScheduleTime: '2026-11-20T03:15:00Z', lastSuccessfulTime: '2026-11-19T03:16:02Z' });
  const response = sync(request, inputs());
  t.same(backupJobs(response), []);
  t.match(condition(response), {
    status: 'True', reason: 'Scheduled',
    message: 'scheduled (15 3 * * *, CronJob logical-backup-acid-backed-up): last run 2026-11-20T03:15:00Z, last success 2026-11-19T03:16:02Z',
  });
  const disabled = sync(withSpecChange(request, { enableLogicalBackup: false }), inputs());
  t.equal(condition(disabled), undefined, 'no condition while backups are off and nothing is asked');
});

t.test('a request runs the CronJob\'s Job template once, as a Job named by the request id\'s hash', async (t) => {
  const waiting = sync(withAnnotations(syncRequest(manifest), { [REQUEST]: 'b1' }), inputs());
  t.same(backupJobs(waiting), [], 'no Job before a database pod is ready');
  t.match(condition(waiting), { status: 'False', reason: 'Waiting', message: /^on demand: request b1 waits: waiting for a ready database pod; scheduled/ });

  const request = withAnnotations(ready(), { [REQUEST]: 'b1' });
  const started = sync(request, inputs());
  const [job] = backupJobs(started);
  t.ok(job);
  t.equal(job!.metadata.name, `acid-backed-up-logical-backup-${intentHash(['logicalBackup', 'b1'])}`);
  validateKube(job!);
  const cronJob = childrenOf(started, 'CronJob')[0] as any;
  const template = JSON.parse(JSON.stringify(cronJob.spec.jobTemplate.spec).replace('"--cron-job","logical-backup-acid-backed-up"', '"--request","b1"'));
  t.same((job as any).spec, template, 'the same Job template as the CronJob, but for what started it, which the Events sidecar tells');
  t.same(job!.metadata.labels, cronJob.spec.jobTemplate.metadata.labels);
  t.match(condition(started), { status: 'False', reason: 'Pending', message: /^on demand: Job acid-backed-up-logical-backup-[0-9a-f]{10} was requested for request b1; scheduled/ });

  // Converges: its own answer fed back gives the same children and the same status.
  const running = fedBack(request, started);
  const again = sync(running, inputs());
  t.same(again.children, started.children);
  t.match(condition(again), { reason: 'Running' });
  t.same(sync(fedBack(running, again), inputs()).children, again.children);

  const succeeded = withJobStatus(running, (name) => name === job!.metadata.name, JOB_SUCCEEDED);
  const done = sync(succeeded, inputs());
  t.same(done.status.operations?.logicalBackup, { requestId: 'b1', outcome: 'Succeeded' });
  t.match(condition(done), { status: 'True', reason: 'Succeeded', message: /^on demand: Job \S+ succeeded; scheduled/ });
  t.equal(backupJobs(done).length, 1, 'the finished Job stays while its request is current');

  // The Job's TTL removes it: the recorded request is not run again.
  const gone = fedBack(succeeded, { ...done, children: done.children.filter((c) => c !== backupJobs(done)[0]) });
  const after = sync(gone, inputs());
  t.same(backupJobs(after), []);
  t.match(condition(after), { status: 'True', reason: 'Succeeded', message: /^on demand: request b1 was handled \(Succeeded\); set a new request id to run it again/ });
  t.same(sync(fedBack(gone, after), inputs()).children, after.children);

  const finished = withJobStatus(withReadyInstances(succeeded, done), (name) => name === job!.metadata.name, JOB_SUCCEEDED);
  const next = sync(withAnnotations(finished, { [REQUEST]: 'b2' }), inputs());
  t.same(backupJobs(next).map((j) => j.metadata.name), [`acid-backed-up-logical-backup-${intentHash(['logicalBackup', 'b2'])}`], 'a new id is a new Job; the finished one of b1 goes');
});

t.test('a failed backup Job is reported with its reason and recorded', async (t) => {
  const request = withAnnotations(ready(), { [REQUEST]: 'b1' });
  const started = sync(request, inputs());
  const failed = withJobStatus(fedBack(request, started), () => true, JOB_FAILED);
  const response = sync(failed, inputs());
  t.same(response.status.operations?.logicalBackup, { requestId: 'b1', outcome: 'Failed' });
  t.match(condition(response), { status: 'False', reason: 'Failed', message: /failed \(BackoffLimitExceeded: .*\); its pod logs say why; set a new request id to run it again/ });
});

t.test('refused when logical backups are off: recorded, no Job', async (t) => {
  const request = withAnnotations(withSpecChange(ready(), { enableLogicalBackup: false }), { [REQUEST]: 'b1' });
  const response = sync(request, inputs());
  t.same(backupJobs(response), []);
  t.same(response.status.operations?.logicalBackup, { requestId: 'b1', outcome: 'Skipped' });
  t.match(condition(response), { status: 'False', reason: 'Refused', message: /^on demand: request b1 is refused: logical backups are not enabled/ });
  // Turning backups on later does not run the old request.
  const enabled = sync(withSpecChange(fedBack(request, response), { enableLogicalBackup: true }), inputs());
  t.same(backupJobs(enabled), []);
});

t.test('hibernated or paused: no Job starts', async (t) => {
  const hibernated = sync(withAnnotations(ready(), { [REQUEST]: 'b1', 'postgres-metacontroller.io/hibernate': 'true' }), inputs());
  t.same(backupJobs(hibernated), []);
  t.match(condition(hibernated), { reason: 'Waiting', message: /the cluster is hibernated/ });
  t.equal(hibernated.status.operations?.logicalBackup, undefined, 'not recorded: it runs after the wake-up');
  const paused = sync(withAnnotations(ready(), { [REQUEST]: 'b1', 'postgres-metacontroller.io/pause': 'true' }), inputs());
  t.same(backupJobs(paused), []);
});

t.test('a running backup Job of an earlier request is kept and the new one waits', async (t) => {
  const request = withAnnotations(ready(), { [REQUEST]: 'b1' });
  const started = sync(request, inputs());
  const response = sync(withAnnotations(fedBack(request, started), { [REQUEST]: 'b2' }), inputs());
  t.same(backupJobs(response).map((j: KubeObject) => j.metadata.name), backupJobs(started).map((j) => j.metadata.name));
  t.match(condition(response), { reason: 'Waiting', message: /Job \S+ of an earlier request is running/ });
});
