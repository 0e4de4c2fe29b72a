// switchover, restart and reload only write annotations, through the API adapter, against recorded
// answers (test/kubernetes-replay.ts); reading a cluster through the API for status.
import t from 'tap';
import { recorded, startReplay, type ReplayServer } from '../test/kubernetes-replay.js';
import { annotationKeys } from '../hooks/names.js';
import { clusterApi } from './kubernetes.js';
import { main } from './main.js';
import { requestId, requestPatch } from './requests.js';
import { RESOURCES, resourcePath } from './resources.js';
import { jsonLines, memoryIo } from './testdata/io.js';

const TOKEN = 'eyJhbGciOiJSUzI1NiIsImtpZCI6InJlcGxheSJ9.recorded-cli-token.c2lnbmF0dXJl';
const PARENT = '/apis/acid.zalan.do/v1/namespaces/default/postgresqls/acid-minimal-cluster';
const NOW = new Date('2026-11-20T12:00:00.123Z');

let server: ReplayServer;
t.beforeEach(async () => {
  server = await startReplay();
});
t.afterEach(() => server.close());

function io() {
  return memoryIo({ api: clusterApi(server.kubeConfig(TOKEN), 5_000), now: NOW });
}

t.test('request ids sort by time and differ by a random suffix', async (t) => {
  t.equal(requestId(NOW, 'abc123'), '20261120T120000Z-abc123');
  t.match(requestId(NOW), /^20261120T120000Z-[0-9a-f]{6}$/);
  t.not(requestId(NOW), requestId(NOW));
});

t.test('switchover --to writes the request id and the target as one merge patch', async (t) => {
  server.answer('GET', PARENT, { status: 200, file: 'postgresql-acid-minimal-cluster.jsonc' });
  server.answer('PATCH', PARENT, { status: 200, file: 'postgresql-acid-minimal-cluster-requested.jsonc' });
  const out = io();
  t.equal(await main(['switchover', 'acid-minimal-cluster', '--to', 'acid-minimal-cluster-1'], out), 0);
  const [line] = jsonLines(out.out);
  t.match(line, { action: 'switchover', cluster: 'default/acid-minimal-cluster', to: 'acid-minimal-cluster-1', requestId: /^20261120T120000Z-[0-9a-f]{6}$/ });
  const patch = server.requests.find((r) => r.method === 'PATCH');
  t.equal(patch?.headers['content-type'], 'application/merge-patch+json');
  t.equal(patch?.headers.authorization, `Bearer ${TOKEN}`);
  t.same(JSON.parse(patch?.body ?? '{}'), { metadata: { annotations: { [annotationKeys.switchover]: line?.requestId, [annotationKeys.switchoverTo]: 'acid-minimal-cluster-1' } } });
});

t.test('switchover without --to removes an earlier target; restart and reload write their own key only', async (t) => {
  t.same(requestPatch('switchover', 'id1'), { metadata: { annotations: { [annotationKeys.switchover]: 'id1', [annotationKeys.switchoverTo]: null } } });
  server.answer('GET', PARENT, { status: 200, file: 'postgresql-acid-minimal-cluster.jsonc' });
  server.answer('PATCH', PARENT, { status: 200, file: 'postgresql-acid-minimal-cluster-requested.jsonc' });
  for (const action of ['restart', 'reload'] as const) {
    const out = io();
    t.equal(await main([action, 'acid-minimal-cluster', '-n', 'default'], out), 0);
    const body = JSON.parse(server.requests.filter((r) => r.method === 'PATCH').at(-1)?.body ?? '{}');
    t.same(Object.keys(body.metadata.annotations), [annotationKeys[action]]);
    t.equal(body.metadata.annotations[annotationKeys[action]], jsonLines(out.out)[0]?.requestId);
  }
});

t.test('usage and API errors exit 2 and write nothing', async (t) => {
  const wrongTarget = io();
  t.equal(await main(['switchover', 'acid-minimal-cluster', '--to', 'other-0'], wrongTarget), 2);
  t.match(wrongTarget.err, /--to must name a pod of acid-minimal-cluster/);
  const toOnRestart = io();
  t.equal(await main(['restart', 'acid-minimal-cluster', '--to', 'acid-minimal-cluster-1'], toOnRestart), 2);
  t.match(toOnRestart.err, /--to is for switchover only/);

  server.answer('GET', PARENT, { status: 404, file: 'status-404-not-found.jsonc' });
  const missing = io();
  t.equal(await main(['reload', 'acid-minimal-cluster'], missing), 2);
  t.match(missing.err, /^error: GET \/apis\/acid\.zalan\.do\/v1\/namespaces\/default\/postgresqls\/acid-minimal-cluster: 404 NotFound: /);
  t.notOk(server.requests.some((r) => r.method === 'PATCH'), 'no write after a failed read');
  t.notOk(missing.err.includes(TOKEN));

  server.answer('GET', PARENT, { status: 403, file: 'status-403-forbidden.jsonc' });
  const forbidden = io();
  t.equal(await main(['restart', 'acid-minimal-cluster'], forbidden), 2);
  t.match(forbidden.err, /403 Forbidden/);
});

t.test('status reads the cluster through the API: the parent, each kind by the cluster-name label, the related objects', async (t) => {
  server.answer('GET', PARENT, { status: 200, file: 'postgresql-acid-minimal-cluster.jsonc' });
  for (const resource of RESOURCES.filter((r) => r.kind !== 'postgresql')) server.answer('GET', resourcePath(resource, 'default'), { status: 200, file: 'list-empty.jsonc' });
  server.answer('GET', resourcePath(RESOURCES.find((r) => r.kind === 'Pod')!, 'default'), { status: 200, file: 'pod-list.jsonc' });
  // The clusters whose names could collide with this one's (a related rule by name): none exists.
  for (const other of ['critical-op', 'pooler', 'pooler-repl', 'repl']) server.answer('GET', `${PARENT}-${other}`, { status: 404, file: 'status-404-not-found.jsonc' });
  const out = io();
  t.equal(await main(['status', 'acid-minimal-cluster'], out), 0);
  t.match(out.out, /^Cluster: +default\/acid-minimal-cluster$/m);
  t.match(out.out, /^Phase: +Running +\(generation 3, observed 3\)$/m);
  t.match(out.out, /^Primary: +acid-minimal-cluster-0$/m);
  const lists = server.requests.filter((r) => r.method === 'GET' && r.path !== PARENT);
  t.ok(lists.some((r) => r.path.endsWith('/statefulsets') && decodeURIComponent(r.rawQuery) === 'labelSelector=cluster-name=acid-minimal-cluster'));
  t.ok(lists.some((r) => r.path.endsWith('/pods') && decodeURIComponent(r.rawQuery) === 'labelSelector=cluster-name=acid-minimal-cluster'), 'the pods, the database pods among them, by the cluster-name label');
  t.ok(lists.some((r) => r.path.endsWith('/pods') && decodeURIComponent(r.rawQuery) === 'labelSelector=application=db-operations,cluster-name=acid-minimal-cluster'), 'the Jobs\' pods, as the customize hook names them');
  t.notOk(lists.some((r) => r.path.endsWith('/pods') && decodeURIComponent(r.rawQuery).includes('application=spilo')), 'not the database pods by the hook\'s rule: it names none');
  t.same(recorded<{ kind: string }>('list-empty.jsonc').kind, 'List');
});
