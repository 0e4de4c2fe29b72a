// The Kubernetes adapter against recorded API answers (test/kubernetes-replay.ts): the requests it
// makes, how it reads pods, and the errors it raises.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { kubeConfigFor, startReplay, type ReplayServer } from '../test/kubernetes-replay.js';
import { KubernetesError, kubeConfigFromEnvironment, kubernetesApi, labelSelector, type KubernetesApi } from './kubernetes.js';

const TOKEN = 'eyJhbGciOiJSUzI1NiIsImtpZCI6InJlcGxheSJ9.recorded-test-token.c2lnbmF0dXJl';
const PODS = '/api/v1/namespaces/default/pods';
const REPLICA = `${PODS}/acid-minimal-cluster-1`;
const OLD_UID = '0f6b5c8e-3d2a-4e71-b9c4-7a1e5d2f8b63';

let server: ReplayServer;
let api: KubernetesApi;
t.beforeEach(async () => {
  server = await startReplay();
  api = kubernetesApi(server.kubeConfig(TOKEN), { timeoutMs: 5_000 });
});
t.afterEach(() => server.close());

/** Awaits a call that must fail with a KubernetesError, and checks no credential leaked into it. */
async function failure(t: Test, call: Promise<unknown>): Promise<KubernetesError> {
  const error = await call.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof KubernetesError)) throw new Error(`expected a KubernetesError, got ${String(error)}`);
  for (const text of [error.message, error.stack ?? '', JSON.stringify(error), String(error)]) t.notMatch(text, TOKEN);
  return error;
}

t.test('labelSelector: equality requirements in key order', async (t) => {
  t.equal(labelSelector({ 'cluster-name': 'acid', application: 'spilo' }), 'application=spilo,cluster-name=acid');
  t.equal(labelSelector({}), '');
});

t.test('listPods: GET with an encoded label selector and the bearer token; pods read from a PodList', async (t) => {
  server.answer('GET', PODS, { status: 200, file: 'pod-list.jsonc' });
  const pods = await api.listPods('default', { 'cluster-name': 'acid-minimal-cluster', application: 'spilo' });

  t.equal(server.requests.length, 1);
  const [request] = server.requests;
  t.equal(request!.method, 'GET');
  t.equal(request!.path, PODS);
  t.equal(request!.rawQuery, 'labelSelector=application%3Dspilo%2Ccluster-name%3Dacid-minimal-cluster');
  t.equal(new URLSearchParams(request!.rawQuery).get('labelSelector'), 'application=spilo,cluster-name=acid-minimal-cluster');
  t.equal(request!.headers.authorization, `Bearer ${TOKEN}`);

  t.same(pods.map((p) => [p.name, p.uid, p.ip, p.phase, p.ready, p.restarts, p.labels['spilo-role']]), [
    ['acid-minimal-cluster-0', '9b2e4f61-5a3c-4d8e-8f17-2c6a0b9d3e45', '10.244.1.17', 'Running', true, 0, 'master'],
    ['acid-minimal-cluster-1', OLD_UID, '10.244.2.23', 'Running', true, 1, 'replica'],
    ['acid-minimal-cluster-2', '4e7d1c9a-6b2f-4a85-9d30-e8f5a2c7b148', undefined, 'Pending', false, 0, undefined],
  ]);
  t.same(pods.map((p) => p.annotations['postgres-metacontroller.example/template-hash']), ['7f9c2b1d', '3a8e6d40', '7f9c2b1d']);
  t.ok(pods.every((p) => p.namespace === 'default' && p.deletionTimestamp === undefined));
});

t.test('getPod: GET by name; a pod without an IP has none in its view', async (t) => {
  server.answer('GET', REPLICA, { status: 200, file: 'pod-replica-new-pending.jsonc' });
  const pod = await api.getPod('default', 'acid-minimal-cluster-1');
  t.same([server.requests[0]!.method, server.requests[0]!.path, server.requests[0]!.rawQuery], ['GET', REPLICA, '']);
  t.equal(pod.uid, 'c2a94d17-8e5b-4f03-a6d8-1b7e3c9f0a25');
  t.notOk('ip' in pod);
  t.equal(pod.ready, false);
});

t.test('getPod: 404 carries the status, the reason and the API message', async (t) => {
  server.answer('GET', REPLICA, { status: 404, file: 'status-404-not-found.jsonc' });
  const error = await failure(t, api.getPod('default', 'acid-minimal-cluster-1'));
  t.equal(error.status, 404);
  t.equal(error.reason, 'NotFound');
  t.equal(error.detail, 'pods "acid-minimal-cluster-1" not found');
  t.equal(error.message, `GET ${REPLICA}: 404 NotFound: pods "acid-minimal-cluster-1" not found`);
});

t.test('deletePod: DELETE with a uid precondition in DeleteOptions; the answer is the terminating pod', async (t) => {
  server.answer('DELETE', REPLICA, { status: 200, file: 'pod-replica-deleted.jsonc' });
  const pod = await api.deletePod('default', 'acid-minimal-cluster-1', { uid: OLD_UID });

  const [request] = server.requests;
  t.equal(request!.method, 'DELETE');
  t.equal(request!.path, REPLICA);
  t.equal(request!.rawQuery, '', 'no grace period or propagation override: the pod terminates with its own grace period');
  t.match(request!.headers['content-type'], /^application\/json/);
  t.same(JSON.parse(request!.body), { preconditions: { uid: OLD_UID } });
  t.equal(pod.uid, OLD_UID);
  t.equal(pod.deletionTimestamp, '2026-11-22T03:50:41.000Z');
});

t.test('deletePod: a uid that no longer matches is a 409 Conflict', async (t) => {
  server.answer('DELETE', REPLICA, { status: 409, file: 'status-409-uid-precondition.jsonc' });
  const error = await failure(t, api.deletePod('default', 'acid-minimal-cluster-1', { uid: OLD_UID }));
  t.equal(error.status, 409);
  t.equal(error.reason, 'Conflict');
  t.match(error.detail, /Precondition failed: UID in precondition: 0f6b5c8e/);
});

t.test('deletePod: 403 Forbidden names what RBAC refused, never the token', async (t) => {
  server.answer('DELETE', REPLICA, { status: 403, file: 'status-403-forbidden.jsonc' });
  const error = await failure(t, api.deletePod('default', 'acid-minimal-cluster-1', { uid: OLD_UID }));
  t.equal(error.status, 403);
  t.equal(error.reason, 'Forbidden');
  t.match(error.message, /cannot delete resource "pods" in API group "" in the namespace "default"/);
  t.equal(server.requests[0]!.headers.authorization, `Bearer ${TOKEN}`, 'the token was sent, and is still absent from the error');
});

t.test('patchPodLabels: a JSON merge patch of metadata.labels, null removing a label', async (t) => {
  server.answer('PATCH', REPLICA, { status: 200, file: 'pod-replica-labelled.jsonc' });
  const pod = await api.patchPodLabels('default', 'acid-minimal-cluster-1', { 'critical-operation': 'true', obsolete: null });

  const [request] = server.requests;
  t.equal(request!.method, 'PATCH');
  t.equal(request!.path, REPLICA);
  t.equal(request!.headers['content-type'], 'application/merge-patch+json');
  t.same(JSON.parse(request!.body), { metadata: { labels: { 'critical-operation': 'true', obsolete: null } } });
  t.equal(pod.labels['critical-operation'], 'true');
});

t.test('patchPodLabels: 422 Invalid carries the validation message', async (t) => {
  server.answer('PATCH', REPLICA, { status: 422, file: 'status-422-invalid-label.jsonc' });
  const error = await failure(t, api.patchPodLabels('default', 'acid-minimal-cluster-1', { 'critical-operation': 'not a label!' }));
  t.equal(error.status, 422);
  t.equal(error.reason, 'Invalid');
  t.match(error.detail, /^Pod "acid-minimal-cluster-1" is invalid: metadata\.labels: Invalid value: "not a label!"/);
});

t.test('an answer that is not a Status object keeps its text as the detail', async (t) => {
  server.answer('GET', REPLICA);
  const unrecorded = await failure(t, api.getPod('default', 'acid-minimal-cluster-1'));
  t.equal(unrecorded.status, 500);
  t.equal(unrecorded.reason, undefined);
  t.equal(unrecorded.detail, `nothing recorded for GET ${REPLICA}`);
});

t.test('no answer: the request and the transport failure, without status', async (t) => {
  const closed = await startReplay();
  await closed.close();
  const offline = kubernetesApi(kubeConfigFor(closed.url, TOKEN), { timeoutMs: 2_000 });
  const error = await failure(t, offline.getPod('default', 'acid-minimal-cluster-1'));
  t.equal(error.status, undefined);
  t.equal(error.reason, undefined);
  t.match(error.message, new RegExp(`^GET ${REPLICA}: .*ECONNREFUSED`));
});

t.test('configuration: the ServiceAccount in a pod, KUBECONFIG when set', async (t) => {
  const saved = { KUBECONFIG: process.env.KUBECONFIG, KUBERNETES_SERVICE_HOST: process.env.KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT: process.env.KUBERNETES_SERVICE_PORT };
  const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-'));
  t.teardown(() => {
    for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key]; else process.env[key] = value;
    rmSync(dir, { recursive: true, force: true });
  });

  delete process.env.KUBECONFIG;
  process.env.KUBERNETES_SERVICE_HOST = '10.96.0.1';
  process.env.KUBERNETES_SERVICE_PORT = '443';
  const inCluster = kubeConfigFromEnvironment();
  t.equal(inCluster.getCurrentCluster()?.server, 'https://10.96.0.1:443');
  t.equal(inCluster.getCurrentUser()?.authProvider?.config?.tokenFile, '/var/run/secrets/kubernetes.io/serviceaccount/token');

  const file = join(dir, 'config');
  writeFileSync(file, [
    'apiVersion: v1', 'kind: Config', 'current-context: by-hand',
    'clusters: [{name: dev, cluster: {server: "https://127.0.0.1:6443"}}]',
    'users: [{name: me, user: {token: by-hand-token}}]',
    'contexts: [{name: by-hand, context: {cluster: dev, user: me}}]',
  ].join('\n'));
  process.env.KUBECONFIG = file;
  t.equal(kubeConfigFromEnvironment().getCurrentCluster()?.server, 'https://127.0.0.1:6443', 'KUBECONFIG wins, even inside a pod');
});

const EXEC = '/api/v1/namespaces/default/pods/acid-minimal-cluster-0/exec';

t.test('exec: a WebSocket upgrade with the command, container and streams in the query; stdout and the exit code 0', async (t) => {
  server.answerUpgrade(EXEC, { status: 101, file: 'exec-id-root.jsonc' });
  const result = await api.exec('default', 'acid-minimal-cluster-0', 'postgres', ['/bin/bash', '-c', '/usr/bin/id -u']);
  t.same(result, { exitCode: 0, output: '0\n' });
  const [request] = server.requests;
  t.equal(request!.path, EXEC);
  const query = new URLSearchParams(request!.rawQuery);
  t.same(query.getAll('command'), ['/bin/bash', '-c', '/usr/bin/id -u']);
  t.same([query.get('container'), query.get('stdout'), query.get('stderr'), query.get('stdin'), query.get('tty')], ['postgres', 'true', 'true', 'false', 'false']);
  t.equal(request!.headers.authorization, `Bearer ${TOKEN}`);
  t.match(String(request!.headers['sec-websocket-protocol']), /v5\.channel\.k8s\.io.*v4\.channel\.k8s\.io/);
});

t.test('exec: the script\'s output in order over several messages (v5 protocol)', async (t) => {
  server.answerUpgrade(EXEC, { status: 101, file: 'exec-upgrade-succeeded.jsonc' });
  const result = await api.exec('default', 'acid-minimal-cluster-0', 'postgres', ['/bin/su', 'postgres', '-c', 'script']);
  t.equal(result.exitCode, 0);
  t.match(result.output, /^2026-11-21 22:00:03,112 inplace_upgrade INFO: Cluster acid-minimal-cluster is ready to be upgraded\n[^]*Total upgrade time \(with analyze\): 29.22\n$/);
  t.equal(result.output.split('\n').length, 7);
});

t.test('exec: a non-zero exit is a result with its code, not an error', async (t) => {
  server.answerUpgrade(EXEC, { status: 101, file: 'exec-upgrade-failed.jsonc' });
  const result = await api.exec('default', 'acid-minimal-cluster-0', 'postgres', ['/bin/su', 'postgres', '-c', 'script']);
  t.equal(result.exitCode, 1);
  t.match(result.output, /ERROR: Upgrade can not be triggered because Patroni is in maintenance mode\n$/);
});

t.test('exec: a command that could not run, and a refused upgrade, are KubernetesErrors naming only the command', async (t) => {
  server.answerUpgrade(EXEC, { status: 101, file: 'exec-internal-error.jsonc' }, { status: 403, file: 'status-403-forbidden.jsonc' });
  const internal = await failure(t, api.exec('default', 'acid-minimal-cluster-0', 'postgres', ['/bin/su', 'postgres', '-c', 'secret-argument']));
  t.equal(internal.reason, 'InternalError');
  t.match(internal.detail, /container not running/);
  t.equal(internal.message, `exec /bin/su in ${EXEC} (container postgres): InternalError: Internal error occurred: error executing command in container: container not running`);
  const refused = await failure(t, api.exec('default', 'acid-minimal-cluster-0', 'postgres', ['/bin/su', 'postgres', '-c', 'secret-argument']));
  t.equal(refused.status, 403);
  for (const error of [internal, refused]) t.notMatch(error.message, 'secret-argument');
});
