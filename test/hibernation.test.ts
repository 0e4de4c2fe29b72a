// The two switches on the `postgresql` object, through the sync hook: hibernation stops every pod and keeps every
// object, waking gives back the same children; pause answers what is observed, whatever the spec says.
import t from 'tap';
import { loadManifest, syncRequest } from '../fixtures/requests.js';
import { describeObjectProblems } from '../hooks/api-rules/objects.js';
import { annotationKeys, ChildKind } from '../hooks/names.js';
import { keepAsDeclared } from '../hooks/passthrough.js';
import { finalize, sync } from '../hooks/sync.js';
import type { KubeObject, SyncRequest, SyncResponse } from '../schemas/hook.js';
import { fedBack, inputs, JOB_SUCCEEDED, validateKube, withAnnotations, withJobStatus, withReadyInstances, withSpecChange } from './support.js';

const manifest = loadManifest('complete');
const NAME = manifest.metadata.name;

const hibernate = (request: SyncRequest, value = 'true') => withAnnotations(request, { [annotationKeys.hibernate]: value });
const pause = (request: SyncRequest, value = 'true') => withAnnotations(request, { [annotationKeys.pause]: value });

/** The next request with both database pods ready. */
function running(request: SyncRequest, response: SyncResponse): SyncRequest {
  return withReadyInstances(request, response, 2);
}

/** A running cluster with a pooler for each role and a logical backup, its Jobs started: state A. */
function awake(): { request: SyncRequest; response: SyncResponse } {
  let request = withSpecChange(syncRequest(manifest), { enableConnectionPooler: true, enableReplicaConnectionPooler: true, enableLogicalBackup: true });
  let response = sync(request, inputs());
  for (let i = 0; i < 3; i++) {
    request = running(request, response);
    response = sync(request, inputs());
  }
  return { request, response };
}

const ofKind = (response: SyncResponse, kind: string) => response.children.filter((c) => c.kind === kind) as Array<KubeObject & { spec?: any; data?: unknown }>;
const names = (children: KubeObject[]) => children.map((c) => `${c.kind}/${c.metadata.name}`).sort();
const condition = (response: SyncResponse, type: string) => response.status.conditions?.find((c) => c.type === type);

t.test('hibernated: no pod runs, every object is kept', async (t) => {
  const a = awake();
  t.ok(ofKind(a.response, 'Job').length > 0, 'the awake cluster has Jobs');
  t.equal(ofKind(a.response, 'Deployment').length, 2);
  t.equal(ofKind(a.response, 'CronJob').length, 1);
  const response = sync(hibernate(a.request), inputs());

  t.same(names(response.children), names(a.response.children), 'the same children, none deleted');
  t.equal(ofKind(response, 'StatefulSet')[0]!.spec.replicas, 0);
  t.same(ofKind(response, 'Deployment').map((d) => d.spec.replicas), [0, 0]);
  t.equal(ofKind(response, 'CronJob')[0]!.spec.suspend, true);
  for (const kind of ['Secret', 'Service', 'Endpoints', 'Job', 'ConfigMap']) {
    t.same(ofKind(response, kind), ofKind(a.response, kind), `${kind}s unchanged`);
  }
  const { replicas: _h, ...hibernatedSpec } = ofKind(response, 'StatefulSet')[0]!.spec;
  const { replicas: _a, ...awakeSpec } = ofKind(a.response, 'StatefulSet')[0]!.spec;
  t.same(hibernatedSpec, awakeSpec, 'the StatefulSet differs only in its replicas');
  const budgets = ofKind(response, 'PodDisruptionBudget');
  t.same(budgets.map((b) => b.spec.minAvailable ?? b.spec.maxUnavailable), [0, '100%', 1, 1], 'no database budget protects absent pods; pooler budgets allow one pod down');

  t.same(describeObjectProblems(response.children), [], 'the API server accepts every child');
  for (const child of response.children) validateKube(child);
  t.match(condition(response, 'Hibernated'), { status: 'True', reason: 'Requested' });
  t.match(condition(response, 'Ready'), { status: 'False', reason: 'Hibernated' });
  t.equal(response.status.PostgresClusterStatus, 'Updating', 'Updating while the pods stop');
});

t.test('the data volumes are retained at 0 replicas even where a scale-down deletes them', async (t) => {
  const config = inputs({ persistent_volume_claim_retention_policy: { when_deleted: 'retain', when_scaled: 'delete' } });
  const request = syncRequest(manifest);
  const policy = (response: SyncResponse) => ofKind(response, 'StatefulSet')[0]!.spec.persistentVolumeClaimRetentionPolicy;
  t.same(policy(sync(request, config)), { whenDeleted: 'Retain', whenScaled: 'Delete' }, 'awake, as configured');
  const asleep = sync(hibernate(request), config);
  t.same(policy(asleep), { whenDeleted: 'Retain', whenScaled: 'Retain' }, 'hibernated, in the same update as the scale to 0');
  t.same(describeObjectProblems(asleep.children), []);
});

t.test('hibernated and stopped: Running, and the answer converges', async (t) => {
  const a = awake();
  const first = sync(hibernate(a.request), inputs());
  const stopped = withReadyInstances(hibernate(a.request), first, 0);
  const second = sync(stopped, inputs());
  t.equal(second.status.PostgresClusterStatus, 'Running', 'the declared state (no pod) is reached');
  t.same(second.children, first.children);
  t.same(sync(fedBack(stopped, second), inputs()).children, second.children, 'fed back, the same children');
});

t.test('hibernated before any Job ran: none is started, each says why', async (t) => {
  const request = withSpecChange(syncRequest(manifest), { enableLogicalBackup: true });
  const first = sync(hibernate(request), inputs());
  const response = sync(hibernate(running(request, first)), inputs());
  t.same(ofKind(response, 'Job'), [], 'no setup or operations Job');
  t.match(condition(response, 'DatabaseSetup'), { status: 'False', reason: 'Hibernated' });
  t.match(condition(response, 'PatroniConfigured'), { status: 'False', reason: 'Waiting', message: /hibernated/ });
  const awakeResponse = sync(running(request, first), inputs());
  t.ok(ofKind(awakeResponse, 'Job').length > 0, 'awake, the same state starts Jobs');
});

t.test('a scale-down switchover is not started while hibernated', async (t) => {
  const a = awake();
  const finished = withJobStatus(a.request, () => true, JOB_SUCCEEDED);
  const primaryOnTop = withSpecChange(finished, { numberOfInstances: 1 });
  const awakeAnswer = sync(primaryOnTop, inputs());
  t.ok(ofKind(awakeAnswer, 'Job').some((j) => j.metadata.name.includes('-switchover-')), 'awake, the switchover is planned');
  t.equal(ofKind(awakeAnswer, 'StatefulSet')[0]!.spec.replicas, 2, 'awake, the scale-down is held');
  const response = sync(hibernate(primaryOnTop), inputs());
  t.notOk(ofKind(response, 'Job').some((j) => j.metadata.name.includes('-switchover-')));
  t.equal(ofKind(response, 'StatefulSet')[0]!.spec.replicas, 0);
});

t.test('waking up gives back the children the cluster had before', async (t) => {
  const a = awake();
  const hibernated = sync(hibernate(a.request), inputs());
  const asleep = withReadyInstances(hibernate(a.request), hibernated, 0);
  const stillAsleep = sync(asleep, inputs());
  const woken = running(withAnnotations(asleep, { [annotationKeys.hibernate]: undefined }), stillAsleep);
  const response = sync(woken, inputs());
  t.same(response.children, a.response.children, 'byte for byte');
  t.match(condition(response, 'Hibernated'), { status: 'False', reason: 'Awake' });
});

t.test('only the value "true" switches', async (t) => {
  const a = awake();
  for (const value of ['True', 'false', 'yes', '']) {
    t.same(sync(hibernate(a.request, value), inputs()).children, a.response.children, `hibernate: ${JSON.stringify(value)}`);
    const paused = sync(pause(a.request, value), inputs());
    t.notOk(condition(paused, 'ReconciliationPaused'), `pause: ${JSON.stringify(value)}`);
  }
});

t.test('paused: every observed child unchanged, whatever the spec', async (t) => {
  const a = awake();
  const observed = fedBack(a.request, a.response);
  const expected = Object.values(observed.children).flatMap((byName) => Object.values(byName)).map(keepAsDeclared);
  const changes: Array<[string, Record<string, unknown>]> = [
    ['unchanged', {}],
    ['scaled', { numberOfInstances: 5 }],
    ['invalid', { numberOfInstances: -3, teamId: '' }],
    ['poolers removed', { enableConnectionPooler: false, enableReplicaConnectionPooler: false }],
  ];
  for (const [label, change] of changes) {
    const request = pause(withSpecChange(observed, change));
    const response = sync(request, inputs());
    t.same(names(response.children), names(expected), `${label}: the same objects`);
    t.same(response.children, expected, `${label}: as they were declared`);
    t.match(condition(response, 'ReconciliationPaused'), { status: 'True', reason: 'Requested' });
    t.equal(response.status.PostgresClusterStatus, a.response.status.PostgresClusterStatus, `${label}: the phase is kept`);
    t.same(sync(fedBack(request, response), inputs()).children, response.children, `${label}: converges`);
  }
  const hibernatedToo = sync(hibernate(pause(observed)), inputs());
  t.same(hibernatedToo.children, expected, 'paused wins over hibernated: nothing changes');
});

t.test('paused with no status to read: Creating, no child made', async (t) => {
  const request = pause(syncRequest(manifest));
  const response = sync(request, inputs());
  t.same(response.children, []);
  t.equal(response.status.PostgresClusterStatus, 'Creating');
  const withPhase = (phase: unknown) => sync({ ...request, parent: { ...request.parent, status: { PostgresClusterStatus: phase } } }, inputs()).status.PostgresClusterStatus;
  t.equal(withPhase('UpdateFailed'), 'UpdateFailed', 'any of Zalando\'s phases is kept');
  t.equal(withPhase('Sleeping'), 'Creating', 'an unknown phase is not repeated');
  t.equal(withPhase(3), 'Creating');
});

t.test('deletion is not paused', async (t) => {
  const a = awake();
  const deleting = { ...pause(fedBack(a.request, a.response)), finalizing: true };
  const response = finalize(deleting, inputs());
  t.notOk(response.children.some((c) => [ChildKind.StatefulSet, ChildKind.Deployment, ChildKind.CronJob, ChildKind.Job].includes(`${c.kind}.${c.apiVersion}` as never)), 'workloads are removed');
  t.equal(response.finalized, false);
});
