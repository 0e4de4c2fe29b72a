// The Kubernetes member source against recorded API answers (test/kubernetes-replay.ts): members read
// from the cluster's pods, and a recreate that deletes only the pod the caller saw and polls until its
// replacement exists.
import t from 'tap';
import type { OperationsState } from '../schemas/operations-state.js';
import { startReplay, type ReplayServer } from '../test/kubernetes-replay.js';
import type { BackoffPolicy } from './backoff.js';
import { KubernetesError, kubernetesApi, type PodView } from './kubernetes.js';
import { kubernetesMembers, podUpToDate, restUrl } from './kubernetes-members.js';

const TOKEN = 'recorded-test-token-members';
const PODS = '/api/v1/namespaces/default/pods';
const REPLICA = `${PODS}/acid-minimal-cluster-1`;
const OLD_UID = '0f6b5c8e-3d2a-4e71-b9c4-7a1e5d2f8b63';
const NEW_UID = 'c2a94d17-8e5b-4f03-a6d8-1b7e3c9f0a25';
const HASH_ANNOTATION = 'postgres-metacontroller.example/template-hash';
const BACKOFF: BackoffPolicy = { firstMs: 10, factor: 2, maxMs: 40, totalMs: 200 };
const BACKOFF_DELAYS = [10, 20, 40, 40, 40, 40, 10];

const state: OperationsState = {
  cluster: 'acid-minimal-cluster',
  namespace: 'default',
  action: 'rollout',
  podSelector: { application: 'spilo', 'cluster-name': 'acid-minimal-cluster' },
  patroniPort: 8008,
  maximumLagOnFailover: 33_554_432,
  rollout: { templateHashAnnotation: HASH_ANNOTATION, templateHash: '7f9c2b1d' },
};

let server: ReplayServer;
let slept: number[];
t.beforeEach(async () => {
  server = await startReplay();
  slept = [];
});
t.afterEach(() => server.close());

function members(forState: OperationsState = state) {
  const api = kubernetesApi(server.kubeConfig(TOKEN), { timeoutMs: 5_000 });
  return kubernetesMembers(forState, api, { backoff: BACKOFF, sleep: async (ms) => void slept.push(ms) });
}

const calls = () => server.requests.map((r) => `${r.method} ${r.path}`);

const view = (fields: Partial<PodView>): PodView => ({ name: 'p', namespace: 'default', uid: 'u', ready: true, labels: {}, annotations: {}, restarts: 0, ...fields });

t.test('restUrl: the pod IP and Patroni port, brackets around IPv6, empty without an IP', async (t) => {
  t.equal(restUrl(view({ ip: '10.244.1.17' }), 8008), 'http://10.244.1.17:8008');
  t.equal(restUrl(view({ ip: 'fd00:10:244::11' }), 8008), 'http://[fd00:10:244::11]:8008');
  t.equal(restUrl(view({}), 8008), '');
});

t.test('podUpToDate: the template hash annotation against the rollout, absent meaning up to date', async (t) => {
  const rollout = state.rollout;
  t.equal(podUpToDate(view({ annotations: { [HASH_ANNOTATION]: '7f9c2b1d' } }), rollout), true);
  t.equal(podUpToDate(view({ annotations: { [HASH_ANNOTATION]: '3a8e6d40' } }), rollout), false);
  t.equal(podUpToDate(view({ annotations: {} }), rollout), true);
  t.equal(podUpToDate(view({ annotations: { [HASH_ANNOTATION]: '3a8e6d40' } }), undefined), true);
});

t.test('list: the selected pods as members', async (t) => {
  server.answer('GET', PODS, { status: 200, file: 'pod-list.jsonc' });
  t.same(await members().list(), [
    { name: 'acid-minimal-cluster-0', restUrl: 'http://10.244.1.17:8008', upToDate: true, ready: true },
    { name: 'acid-minimal-cluster-1', restUrl: 'http://10.244.2.23:8008', upToDate: false, ready: true },
    { name: 'acid-minimal-cluster-2', restUrl: '', upToDate: true, ready: false },
  ]);
  t.equal(new URLSearchParams(server.requests[0]!.rawQuery).get('labelSelector'), 'application=spilo,cluster-name=acid-minimal-cluster');
});

t.test('list: without a rollout every member is up to date', async (t) => {
  server.answer('GET', PODS, { status: 200, file: 'pod-list.jsonc' });
  const { rollout: _, ...config } = state;
  const listed = await members({ ...config, action: 'config' }).list();
  t.same(listed.map((m) => m.upToDate), [true, true, true]);
});

t.test('an empty podSelector is refused: it would select the whole namespace', async (t) => {
  t.throws(() => members({ ...state, podSelector: {} }), /empty podSelector/);
});

t.test('recreate: deletes the listed uid, then polls through termination, absence and a pending pod until the replacement has an IP', async (t) => {
  server.answer('GET', PODS, { status: 200, file: 'pod-list.jsonc' });
  server.answer('DELETE', REPLICA, { status: 200, file: 'pod-replica-deleted.jsonc' });
  server.answer('GET', REPLICA,
    { status: 200, file: 'pod-replica-deleted.jsonc' },
    { status: 404, file: 'status-404-not-found.jsonc' },
    { status: 200, file: 'pod-replica-new-pending.jsonc' },
    { status: 200, file: 'pod-replica-new-running.jsonc' });
  const source = members();
  await source.list();
  await source.recreate('acid-minimal-cluster-1');

  t.same(calls(), [`GET ${PODS}`, `DELETE ${REPLICA}`, `GET ${REPLICA}`, `GET ${REPLICA}`, `GET ${REPLICA}`, `GET ${REPLICA}`]);
  t.same(JSON.parse(server.requests[1]!.body), { preconditions: { uid: OLD_UID } });
  t.same(slept, BACKOFF_DELAYS.slice(0, 3), 'the first poll right away, then the backoff');
});

t.test('recreate: a 409 on the uid precondition means the pod was already replaced: the replacement is not deleted', async (t) => {
  server.answer('GET', PODS, { status: 200, file: 'pod-list.jsonc' });
  server.answer('DELETE', REPLICA, { status: 409, file: 'status-409-uid-precondition.jsonc' });
  server.answer('GET', REPLICA, { status: 200, file: 'pod-replica-new-running.jsonc' });
  const source = members();
  await source.list();
  await source.recreate('acid-minimal-cluster-1');
  t.same(calls(), [`GET ${PODS}`, `DELETE ${REPLICA}`, `GET ${REPLICA}`]);
});

t.test('recreate: a recreate after a recreate deletes the replacement it waited for, by its uid', async (t) => {
  server.answer('GET', PODS, { status: 200, file: 'pod-list.jsonc' });
  server.answer('DELETE', REPLICA, { status: 200, file: 'pod-replica-deleted.jsonc' });
  server.answer('GET', REPLICA, { status: 200, file: 'pod-replica-new-running.jsonc' });
  const source = members();
  await source.list();
  await source.recreate('acid-minimal-cluster-1');
  // The second one deletes NEW_UID; the recorded answers never show a third pod, so it runs out of time.
  await t.rejects(source.recreate('acid-minimal-cluster-1'), /was not replaced/);
  const deletes = server.requests.filter((r) => r.method === 'DELETE').map((r) => JSON.parse(r.body).preconditions.uid);
  t.same(deletes, [OLD_UID, NEW_UID]);
});

t.test('recreate without a listing: reads the pod for its uid, and refuses a pod the selector does not select', async (t) => {
  server.answer('GET', REPLICA, { status: 200, file: 'pod-replica.jsonc' }, { status: 200, file: 'pod-replica-new-running.jsonc' });
  server.answer('DELETE', REPLICA, { status: 200, file: 'pod-replica-deleted.jsonc' });
  await members().recreate('acid-minimal-cluster-1');
  t.same(calls(), [`GET ${REPLICA}`, `DELETE ${REPLICA}`, `GET ${REPLICA}`]);
  t.same(JSON.parse(server.requests[1]!.body), { preconditions: { uid: OLD_UID } });

  server.requests.length = 0;
  server.answer('GET', REPLICA, { status: 200, file: 'pod-replica.jsonc' });
  await t.rejects(members({ ...state, podSelector: { 'cluster-name': 'another-cluster' } }).recreate('acid-minimal-cluster-1'), /not one of the cluster's pods/);
  t.same(calls(), [`GET ${REPLICA}`], 'nothing deleted');
});

t.test('recreate: 403 on the delete fails at once, without polling', async (t) => {
  server.answer('GET', PODS, { status: 200, file: 'pod-list.jsonc' });
  server.answer('DELETE', REPLICA, { status: 403, file: 'status-403-forbidden.jsonc' });
  const source = members();
  await source.list();
  const error = await source.recreate('acid-minimal-cluster-1').then(() => undefined, (e: unknown) => e);
  t.type(error, KubernetesError);
  t.equal((error as KubernetesError).status, 403);
  t.notMatch((error as Error).message, TOKEN);
  t.same(calls(), [`GET ${PODS}`, `DELETE ${REPLICA}`]);
});

t.test('recreate: 403 while polling fails at once; 404 and 5xx only mean polling again', async (t) => {
  server.answer('DELETE', REPLICA, { status: 200, file: 'pod-replica-deleted.jsonc' });
  server.answer('GET', REPLICA,
    { status: 200, file: 'pod-replica.jsonc' },
    { status: 404, file: 'status-404-not-found.jsonc' },
    { status: 503, file: 'status-404-not-found.jsonc' },
    { status: 403, file: 'status-403-forbidden.jsonc' });
  await t.rejects(members().recreate('acid-minimal-cluster-1'), { name: 'KubernetesError', status: 403 });
  t.same(calls(), [`GET ${REPLICA}`, `DELETE ${REPLICA}`, `GET ${REPLICA}`, `GET ${REPLICA}`, `GET ${REPLICA}`]);
});

t.test('recreate: bounded: a pod that never goes away fails after the backoff is spent', async (t) => {
  server.answer('GET', PODS, { status: 200, file: 'pod-list.jsonc' });
  server.answer('DELETE', REPLICA, { status: 200, file: 'pod-replica-deleted.jsonc' });
  server.answer('GET', REPLICA, { status: 200, file: 'pod-replica-deleted.jsonc' });
  const source = members();
  await source.list();
  await t.rejects(source.recreate('acid-minimal-cluster-1'), /pod default\/acid-minimal-cluster-1 was not replaced within 0.2 s/);
  t.same(slept, BACKOFF_DELAYS);
  t.equal(server.requests.filter((r) => r.method === 'GET' && r.path === REPLICA).length, BACKOFF_DELAYS.length + 1);
});
