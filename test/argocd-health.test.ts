// The Argo CD health check (deploy/argocd/argocd-cm-patch.yaml) run for real by Lua 5.1 (Debian's lua5.1 and
// lua-cjson; Argo CD runs gopher-lua, a Lua 5.1) over the statuses the sync and finalize hooks write as a cluster
// goes through its states.
import t from 'tap';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadManifest, manifestNames, syncRequest } from '../fixtures/requests.js';
import { annotationKeys, names, RelatedKind } from '../hooks/names.js';
import { finalize, sync } from '../hooks/sync.js';
import type { SyncRequest, SyncResponse } from '../schemas/hook.js';
import { root } from './deploy-render.js';
import { fedBack, inputs, JOB_FAILED, JOB_SUCCEEDED, jobPod, withAnnotations, withJobStatus, withReadyInstances, withRelated, withSpecChange } from './support.js';

const KEY = 'resource.customizations.health.acid.zalan.do_postgresql';
const patch = parse(readFileSync(join(root, 'deploy/argocd/argocd-cm-patch.yaml'), 'utf8'));
const script = join(mkdtempSync(join(tmpdir(), 'pgmc-argocd-')), 'health.lua');
writeFileSync(script, patch.data[KEY]);
const lua = spawnSync('lua5.1', ['-e', 'require "cjson"'], { encoding: 'utf8' }).status === 0;

interface Health { status: string; message: string }

/** What Argo CD shows for the object. */
function health(object: object): Health {
  return JSON.parse(execFileSync('lua5.1', [join(root, 'test/argocd-runner.lua'), script], { input: JSON.stringify(object), encoding: 'utf8' }));
}

/** The postgresql object as Argo CD reads it once Metacontroller wrote the hook's status. */
const healthAfter = (request: SyncRequest, response: SyncResponse) => health({ ...request.parent, status: response.status });

function withAnnotation(request: SyncRequest, key: string): SyncRequest {
  return { ...request, parent: { ...request.parent, metadata: { ...request.parent.metadata, annotations: { ...request.parent.metadata.annotations, [key]: 'true' } } } };
}

interface Step { request: SyncRequest; response: SyncResponse }

/** A cluster from its first sync until all its pods are ready and its Jobs have finished; each step's answer. */
function lifecycle(name: string): { steps: Step[]; instances: number } {
  const manifest = loadManifest(name);
  const steps: Step[] = [];
  const step = (request: SyncRequest) => { steps.push({ request, response: sync(request, inputs()) }); return steps.at(-1)!; };
  let last = step(syncRequest(manifest));
  const statefulSet = last.response.children.find((c) => c.kind === 'StatefulSet') as { spec?: { replicas?: number } } | undefined;
  const instances = statefulSet?.spec?.replicas ?? 0;
  const ready = (previous: Step) => withReadyInstances(previous.request, previous.response, instances);
  last = step(fedBack(last.request, last.response));
  for (let i = 0; i < 2; i++) last = step(ready(last));
  step(withJobStatus(ready(last), () => true, JOB_SUCCEEDED));
  return { steps, instances };
}

const skip = lua ? false : 'lua5.1 with lua-cjson is not installed (scripts/ensure-system-packages.sh)';

t.test('the patch is an argocd-cm ConfigMap with the key Argo CD reads for acid.zalan.do/postgresql', async (t) => {
  t.match(patch, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cm', namespace: 'argocd' } });
  t.same(Object.keys(patch.data), [KEY]);
});

t.test('every fixture: Progressing while created and while its Jobs run, then Healthy', { skip }, async (t) => {
  for (const name of manifestNames()) {
    const { steps, instances } = lifecycle(name);
    const healths = steps.map(({ request, response }) => healthAfter(request, response));
    const phases = steps.map(({ response }) => response.status.PostgresClusterStatus);
    t.same(healths.slice(0, -1).map((h) => h.status), Array(steps.length - 1).fill('Progressing'), `${name}: ${phases.join(' → ')}`);
    t.equal(healths.at(-1)!.status, 'Healthy', `${name}: ready, Jobs done`);
    t.match(healths.at(-1)!.message, new RegExp(`^${instances} of ${instances} instances ready`));
  }
});

t.test('the messages say what is under way', { skip }, async (t) => {
  const { steps } = lifecycle('complete');
  const [first, second, running] = steps.map(({ request, response }) => healthAfter(request, response));
  t.same(first, { status: 'Progressing', message: 'Creating: 0 of 2 instances ready' });
  t.same(second, { status: 'Progressing', message: 'Creating: 0 of 2 instances ready' });
  t.match(running!.message, /^DatabaseSetup Pending: /, 'ready pods, the setup Job requested');
  t.same(health({ ...steps[0]!.request.parent }), { status: 'Progressing', message: 'waiting for postgres-metacontroller to report a status' }, 'no status yet');
});

t.test('a spec change the hooks have not answered yet is Progressing', { skip }, async (t) => {
  const { steps } = lifecycle('complete');
  const { request, response } = steps.at(-1)!;
  const edited = { ...request.parent, metadata: { ...request.parent.metadata, generation: 2 }, status: response.status };
  t.same(health(edited), { status: 'Progressing', message: 'generation 2 is not yet reconciled' });
});

t.test('hibernated and paused clusters are Suspended', { skip }, async (t) => {
  const { steps } = lifecycle('complete');
  const healthy = steps.at(-1)!;
  const asleep = withAnnotation(withReadyInstances(healthy.request, healthy.response, 2), annotationKeys.hibernate);
  const stopping = sync(asleep, inputs());
  t.equal(stopping.status.PostgresClusterStatus, 'Updating');
  t.match(healthAfter(asleep, stopping), { status: 'Suspended', message: /^hibernated: 2 of 2 instances ready/ });
  const stopped = withReadyInstances(asleep, stopping, 0);
  const stoppedResponse = sync(stopped, inputs());
  t.equal(stoppedResponse.status.PostgresClusterStatus, 'Running');
  t.match(healthAfter(stopped, stoppedResponse), { status: 'Suspended', message: /^hibernated: 0 of 2 instances ready/ });

  const paused = withAnnotation(fedBack(healthy.request, healthy.response), annotationKeys.pause);
  t.match(healthAfter(paused, sync(paused, inputs())), { status: 'Suspended', message: /is "true": every object is kept/ });
});

t.test('what needs a person is Degraded, with the reason', { skip }, async (t) => {
  const { steps } = lifecycle('complete');
  const healthy = steps.at(-1)!;
  const next = () => withReadyInstances(healthy.request, healthy.response, 2);

  const invalid = withSpecChange(next(), { numberOfInstances: -1 });
  const invalidResponse = sync(invalid, inputs());
  t.equal(invalidResponse.status.PostgresClusterStatus, 'Invalid');
  t.match(healthAfter(invalid, invalidResponse), { status: 'Degraded', message: /^Invalid: Valid: .*numberOfInstances/ });

  const missing = next();
  const missingResponse = sync(missing, inputs({ pod_environment_secret: 'absent' }));
  t.equal(missingResponse.status.PostgresClusterStatus, 'SyncFailed');
  t.match(healthAfter(missing, missingResponse), { status: 'Degraded', message: /^SyncFailed: InputsAvailable: .*absent/ });

  const resized = withSpecChange(next(), { volume: { size: '5Gi', storageClass: 'fast' } });
  t.match(healthAfter(resized, sync(resized, inputs())), { status: 'Degraded', message: /^not applied: .*storageClass/ });

  const failedSetup = withJobStatus(next(), (name) => name.includes('-setup-'), JOB_FAILED);
  t.match(healthAfter(failedSetup, sync(failedSetup, inputs())), { status: 'Degraded', message: /^DatabaseSetup: .*delete the Job to run it again/ });
  const failedConfig = withJobStatus(next(), (name) => name.includes('-config-'), JOB_FAILED);
  t.match(healthAfter(failedConfig, sync(failedConfig, inputs())), { status: 'Degraded', message: /^PatroniConfigured: / });
});

t.test('an on-demand backup or a restore: Progressing while it waits or runs, Degraded when it failed or cannot run', { skip }, async (t) => {
  const { steps, instances } = lifecycle('logical-backup');
  const healthy = steps.at(-1)!;
  t.equal(healthAfter(healthy.request, healthy.response).status, 'Healthy');
  /** Every Job but those of `prefix` finished, the pods ready. */
  const settled = (request: SyncRequest, response: SyncResponse, prefix: string) =>
    withJobStatus(withReadyInstances(request, response, instances), (n) => !n.startsWith(prefix), JOB_SUCCEEDED);
  const ask = (annotations: Record<string, string>) => withAnnotations(settled(healthy.request, healthy.response, '-'), annotations);
  /** The request's answer, its Job's answer once observed running, and once observed failed (with the pod's summary) or succeeded. */
  const run = (request: SyncRequest, prefix: string, summary: string) => {
    const requested = sync(request, inputs());
    const running = settled(request, requested, prefix);
    const job = Object.values(running.children['Job.batch/v1'] ?? {}).find((j) => j.metadata.name.startsWith(prefix))!;
    const failed = withRelated(withJobStatus(running, (n) => n === job.metadata.name, JOB_FAILED), RelatedKind.Pod, [jobPod(job, 0, summary)]);
    const done = withJobStatus(running, (n) => n === job.metadata.name, JOB_SUCCEEDED);
    return { runningRequest: running, requested: healthAfter(request, requested), running: healthAfter(running, sync(running, inputs())), failed: healthAfter(failed, sync(failed, inputs())), done: healthAfter(done, sync(done, inputs())) };
  };

  const restore = run(ask({
    [annotationKeys.restoreLogicalBackup]: 'r1', [annotationKeys.restoreSource]: '1763607600.sql.gz', [annotationKeys.restoreDatabase]: 'shop', [annotationKeys.restoreOverwrite]: 'true',
  }), names.restorePrefix('acid-backed-up'), '{"summary":{"outcome":"failed","message":"restore of shop into shop failed: psql stopped (exit 3) and rolled the restore back: ERROR:  role \\"app\\" does not exist"}}');
  t.match(restore.requested, { status: 'Progressing', message: /^LogicalRestore Pending: Job acid-backed-up-restore-\w+ was requested for request r1$/ });
  t.match(restore.running, { status: 'Progressing', message: /^LogicalRestore Running: / });
  t.match(restore.failed, { status: 'Degraded', message: /^LogicalRestore: .*role "app" does not exist.*; set a new request id to run it again$/ });
  t.match(restore.done, { status: 'Healthy' });

  const backup = run(ask({ [annotationKeys.logicalBackup]: 'b1' }), names.logicalBackupJobPrefix('acid-backed-up'), 'upload failed: AccessDenied');
  t.match(backup.requested, { status: 'Progressing', message: /^LogicalBackup Pending: on demand: Job .* was requested for request b1/ });
  t.match(backup.running, { status: 'Progressing', message: /^LogicalBackup Running: on demand: / });
  t.match(backup.failed, { status: 'Degraded', message: /^LogicalBackup: on demand: Job .*; set a new request id to run it again; scheduled/ });
  t.match(backup.done, { status: 'Healthy' });

  const invalid = ask({ [annotationKeys.restoreLogicalBackup]: 'r2', [annotationKeys.restoreDatabase]: 'shop' });
  t.match(healthAfter(invalid, sync(invalid, inputs())), { status: 'Degraded', message: /^LogicalRestore: request r2: .*restore-logical-backup-source is missing/ });
  const waiting = withAnnotations(restore.runningRequest, { [annotationKeys.restoreLogicalBackup]: 'r3' });
  t.match(healthAfter(waiting, sync(waiting, inputs())), { status: 'Progressing', message: /^LogicalRestore Waiting: request r3 waits: Job .* of an earlier request is running$/ });
});

t.test('a cluster being deleted is Progressing until its objects are gone', { skip }, async (t) => {
  const { steps } = lifecycle('complete');
  const { request, response } = steps.at(-1)!;
  const deleting = { ...fedBack(request, response), finalizing: true };
  const answer = finalize(deleting, inputs());
  t.match(healthAfter(deleting, answer), { status: 'Progressing', message: /^deleting: \d+ objects left/ });
});

t.test('statuses written by hand or by another operator', { skip }, async (t) => {
  const object = (status: object) => ({ metadata: { name: 'x', generation: 3 }, status });
  t.equal(health(object({ PostgresClusterStatus: 'UpdateFailed' })).status, 'Degraded', 'Zalando\'s failure phases');
  t.equal(health(object({ PostgresClusterStatus: 'Running' })).status, 'Progressing', 'no observedGeneration: not known to be reconciled');
  t.equal(health(object({ PostgresClusterStatus: 'Running', observedGeneration: 3, conditions: null })).status, 'Progressing', 'Running without a Ready condition');
});
