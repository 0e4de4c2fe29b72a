// The resize Job's steps through the Kubernetes adapter against recorded API answers
// (test/kubernetes-replay.ts): claims grown, a patch refused by the storage class, a claim waiting for
// its filesystem expansion, the orphan delete of the StatefulSet and its 404 and 409 answers.
import t from 'tap';
import type { OperationsState } from '../schemas/operations-state.js';
import { startReplay, type ReplayServer } from '../test/kubernetes-replay.js';
import { kubernetesApi, type KubernetesApi } from './kubernetes.js';
import type { MemberSource } from './members.js';
import { OperationsReport } from './report.js';
import { runOperation } from './run.js';

const CLAIM = '/api/v1/namespaces/default/persistentvolumeclaims/pgdata-acid-minimal-cluster-0';
const STS = '/apis/apps/v1/namespaces/default/statefulsets/acid-minimal-cluster';
const STS_UID = '5d3c1a7e-2f4b-4d7e-9a61-0c8e2b9f4a10';

let server: ReplayServer;
let api: KubernetesApi;
t.beforeEach(async () => {
  server = await startReplay();
  api = kubernetesApi(server.kubeConfig('replay-token'), { timeoutMs: 5_000 });
});
t.afterEach(() => server.close());

function state(resize: Partial<NonNullable<OperationsState['resize']>> = {}): OperationsState {
  return {
    cluster: 'acid-minimal-cluster', namespace: 'default', action: 'resize', podSelector: { application: 'spilo', 'cluster-name': 'acid-minimal-cluster' },
    patroniPort: 8008, maximumLagOnFailover: 33554432,
    resize: { size: '5Gi', claims: ['pgdata-acid-minimal-cluster-0'], statefulSet: { name: 'acid-minimal-cluster', uid: STS_UID }, template: 'pgdata', ...resize },
  };
}

/** No Patroni member is read by a resize. */
const noMembers: MemberSource = {
  list: async () => { throw new Error('the resize lists no member'); },
  recreate: async () => { throw new Error('the resize recreates no member'); },
};

async function run(resizeState: OperationsState, options: { dryRun?: boolean; kubernetes?: KubernetesApi | undefined } = {}) {
  const lines: Array<Record<string, any>> = [];
  const report = new OperationsReport((line) => lines.push(JSON.parse(line)));
  const kubernetes = 'kubernetes' in options ? options.kubernetes : api;
  const outcome = await runOperation(resizeState, { source: noMembers, report, dryRun: options.dryRun ?? false, waitMs: 1000, ...(kubernetes ? { kubernetes } : {}) });
  const summary = lines.pop()!.summary;
  return { outcome, lines, summary, requests: server.requests.map((r) => `${r.method} ${r.path}`) };
}

t.test('accepted: the claim is patched, read back (filesystem expansion pending: a note), the StatefulSet deleted orphaning its pods', async (t) => {
  server.answer('GET', CLAIM, { status: 200, file: 'pvc-pgdata-0.jsonc' }, { status: 200, file: 'pvc-pgdata-0-fs-resize-pending.jsonc' });
  server.answer('PATCH', CLAIM, { status: 200, file: 'pvc-pgdata-0-patched.jsonc' });
  server.answer('GET', STS, { status: 200, file: 'statefulset.jsonc' }, { status: 200, file: 'statefulset-orphan-deleting.jsonc' });
  server.answer('DELETE', STS, { status: 200, file: 'statefulset-orphan-deleting.jsonc' });
  const { outcome, lines, summary, requests } = await run(state());

  t.equal(outcome, 'done');
  t.same(requests, [`GET ${CLAIM}`, `GET ${STS}`, `PATCH ${CLAIM}`, `GET ${CLAIM}`, `DELETE ${STS}`, `GET ${STS}`]);
  const patch = server.requests.find((r) => r.method === 'PATCH')!;
  t.equal(patch.headers['content-type'], 'application/merge-patch+json');
  t.same(JSON.parse(patch.body), { spec: { resources: { requests: { storage: '5Gi' } } } });
  const deletion = server.requests.find((r) => r.method === 'DELETE')!;
  t.same(JSON.parse(deletion.body), { propagationPolicy: 'Orphan', preconditions: { uid: STS_UID } });

  t.same(lines.map((l) => `${l.action} ${l.status}`), ['read-claim done', 'patch-claim planned', 'delete-statefulset planned', 'patch-claim done', 'read-claim done', 'delete-statefulset done']);
  t.match(lines[0], { claim: 'pgdata-acid-minimal-cluster-0', requested: '1Gi', capacity: '1Gi', storageClass: 'gp3' });
  t.match(lines[4], { requested: '5Gi', capacity: '1Gi', note: /^FileSystemResizePending: Waiting for user to \(re-\)start a pod/ });
  t.match(lines[5], { statefulSet: 'acid-minimal-cluster', uid: STS_UID, propagation: 'Orphan', deletionTimestamp: '2026-11-20T12:01:09.000Z', finalizers: ['orphan'] });
  t.match(summary, { action: 'resize', outcome: 'done' });
  t.match(summary.message, /^pgdata-acid-minimal-cluster-0 grown to 5Gi; StatefulSet acid-minimal-cluster deleted with its pods and claims kept, for the sync hook to recreate it with a claim template of 5Gi; the storage driver still expands pgdata-acid-minimal-cluster-0 \(FileSystemResizePending: /);
  t.notOk(requests.some((r) => r.startsWith('DELETE /api/v1')), 'no claim or pod is deleted');
});

t.test('refused by the storage class (403): the resize stops with the API\'s message, the StatefulSet is kept', async (t) => {
  server.answer('GET', CLAIM, { status: 200, file: 'pvc-pgdata-0.jsonc' });
  server.answer('PATCH', CLAIM, { status: 403, file: 'status-403-pvc-resize-forbidden.jsonc' });
  server.answer('GET', STS, { status: 200, file: 'statefulset.jsonc' });
  const { outcome, lines, summary, requests } = await run(state());
  t.equal(outcome, 'failed');
  t.notOk(requests.includes(`DELETE ${STS}`));
  t.match(lines.at(-1), { action: 'patch-claim', status: 'failed', reason: /only dynamically provisioned pvc can be resized/ });
  t.equal(summary.message, 'pgdata-acid-minimal-cluster-0 was not resized to 5Gi: persistentvolumeclaims "pgdata-acid-minimal-cluster-0" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
});

t.test('a claim larger than the target now: refused before anything is changed', async (t) => {
  server.answer('GET', CLAIM, { status: 200, file: 'pvc-pgdata-0.jsonc' });
  const { outcome, summary, requests } = await run(state({ size: '512Mi' }));
  t.equal(outcome, 'refused');
  t.same(requests, [`GET ${CLAIM}`]);
  t.match(summary.message, /^refused: claim pgdata-acid-minimal-cluster-0 requests 1Gi, more than the target 512Mi: not the state the plan assumed/);
});

t.test('the StatefulSet: already gone (404) is fine, another uid (409) is refused, another one not at the size is refused', async (t) => {
  server.answer('GET', CLAIM, { status: 200, file: 'pvc-pgdata-0-patched.jsonc' });
  server.answer('GET', STS, { status: 200, file: 'statefulset.jsonc' });
  server.answer('DELETE', STS, { status: 404, file: 'status-404-statefulset.jsonc' });
  const gone = await run(state());
  t.equal(gone.outcome, 'done', 'the claim already requests the size: nothing to patch');
  t.notOk(gone.requests.includes(`PATCH ${CLAIM}`));
  t.match(gone.lines.at(-1), { action: 'delete-statefulset', status: 'done', unchanged: true, reason: 'already gone' });

  server.requests.length = 0;
  server.answer('DELETE', STS, { status: 409, file: 'status-409-statefulset-uid.jsonc' });
  const conflict = await run(state());
  t.equal(conflict.outcome, 'refused');
  t.match(conflict.summary.message, /^refused: StatefulSet acid-minimal-cluster is no longer the one planned: Operation cannot be fulfilled on statefulsets.apps/);

  server.requests.length = 0;
  const other = await run(state({ statefulSet: { name: 'acid-minimal-cluster', uid: 'another-uid' } }));
  t.equal(other.outcome, 'refused');
  t.notOk(other.requests.some((r) => r.startsWith('DELETE')));
  t.match(other.summary.message, /is not the one planned \(uid 5d3c1a7e-.*, planned another-uid\) and its claim template does not request 5Gi/);

  server.requests.length = 0;
  server.answer('GET', STS, { status: 404, file: 'status-404-statefulset.jsonc' });
  const absent = await run(state());
  t.equal(absent.outcome, 'done', 'no StatefulSet to delete');
  t.notOk(absent.requests.some((r) => r.startsWith('DELETE')));
});

t.test('dry run plans only; without the Kubernetes API the resize is refused', async (t) => {
  server.answer('GET', CLAIM, { status: 200, file: 'pvc-pgdata-0.jsonc' });
  server.answer('GET', STS, { status: 200, file: 'statefulset.jsonc' });
  const dry = await run(state(), { dryRun: true });
  t.equal(dry.outcome, 'planned');
  t.same(dry.requests, [`GET ${CLAIM}`, `GET ${STS}`]);
  t.same(dry.lines.filter((l) => l.status === 'planned').map((l) => l.action), ['patch-claim', 'delete-statefulset']);
  const local = await run(state(), { kubernetes: undefined });
  t.equal(local.outcome, 'refused');
  t.match(local.summary.message, /acts through the Kubernetes API/);
});
