// The sidecar's read of its own pod against recorded API answers (test/kubernetes-replay.ts).
import t from 'tap';
import { startReplay, type ReplayServer } from '../test/kubernetes-replay.js';
import { ownPodApi } from './kubernetes.js';

const TOKEN = 'eyJhbGciOiJSUzI1NiIsImtpZCI6InJlcGxheSJ9.recorded-test-token.c2lnbmF0dXJl';
const POD = 'logical-backup-acid-minimal-cluster-29919075-x7k2p';
const PATH = `/api/v1/namespaces/default/pods/${POD}`;
const JOB = 'logical-backup-acid-minimal-cluster-29919075';

let server: ReplayServer;
t.beforeEach(async () => {
  server = await startReplay();
});
t.afterEach(() => server.close());

const api = () => ownPodApi(server.kubeConfig(TOKEN), { timeoutMs: 5_000 });

t.test('a running backup pod: the Job from its controller reference, the native sidecar, both containers running', async (t) => {
  server.answer('GET', PATH, { status: 200, file: 'pod-logical-backup-running.jsonc' });
  t.same(await api().readPod('default', POD), {
    name: POD,
    job: JOB,
    deleting: false,
    sidecars: ['backup-events'],
    containers: { 'backup-events': { state: 'running', restartCount: 0 }, 'logical-backup': { state: 'running', restartCount: 0 } },
  });
  t.equal(server.requests[0]!.method, 'GET');
  t.equal(server.requests[0]!.headers.authorization, `Bearer ${TOKEN}`);
});

t.test('a failed backup: exit code, reason and the termination message the kubelet took from the log', async (t) => {
  server.answer('GET', PATH, { status: 200, file: 'pod-logical-backup-failed.jsonc' });
  const backup = (await api().readPod('default', POD)).containers['logical-backup']!;
  t.match(backup, { state: 'terminated', restartCount: 0, exitCode: 1, reason: 'Error', message: /An error occurred \(AccessDenied\)/ });
  server.answer('GET', PATH, { status: 200, file: 'pod-logical-backup-succeeded.jsonc' });
  t.same((await api().readPod('default', POD)).containers['logical-backup'], { state: 'terminated', restartCount: 0, exitCode: 0, reason: 'Completed' });
});

t.test('without native sidecars the API server kept no restartPolicy: no sidecar, the backup container waiting', async (t) => {
  server.answer('GET', PATH, { status: 200, file: 'pod-logical-backup-plain-init.jsonc' });
  const pod = await api().readPod('default', POD);
  t.same(pod.sidecars, []);
  t.same(pod.containers['logical-backup'], { state: 'waiting', restartCount: 0 });
});

t.test('an error is the API\'s Status with the request, never the token', async (t) => {
  server.answer('GET', PATH, { status: 403, file: 'status-403-forbidden.jsonc' });
  const error = await api().readPod('default', POD).then(() => undefined, (e: unknown) => e as Error & { status?: number });
  t.match(error, { status: 403, reason: 'Forbidden', request: `GET ${PATH}` });
  t.notMatch(error!.message, TOKEN);
});
