// The sidecar as a process: it stays up until SIGTERM (a signal listener alone would let Node end at once and
// the kubelet restart it), then records the end and exits 0. Kubernetes is the replay server, by KUBECONFIG.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { stringify } from 'yaml';
import { startReplay } from '../test/kubernetes-replay.js';

const POD = 'logical-backup-acid-minimal-cluster-29919075-x7k2p';
const EVENTS = '/api/v1/namespaces/default/events';

t.test('started, stopped by SIGTERM, the end recorded, exit 0', async (t) => {
  const server = await startReplay();
  t.teardown(() => server.close());
  server.answer('GET', `/api/v1/namespaces/default/pods/${POD}`, { status: 200, file: 'pod-logical-backup-running.jsonc' }, { status: 200, file: 'pod-logical-backup-succeeded.jsonc' });
  server.answer('POST', EVENTS, { status: 201, file: 'event-created.jsonc' });
  const kubeconfig = join(mkdtempSync(join(tmpdir(), 'job-events-cli-')), 'config');
  writeFileSync(kubeconfig, stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'replay',
    clusters: [{ name: 'replay', cluster: { server: server.url, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'sidecar', user: { token: 'replay-token' } }],
    contexts: [{ name: 'replay', context: { cluster: 'replay', user: 'sidecar', namespace: 'default' } }],
  }));
  const child = spawn(process.execPath, ['--import', 'tsx', 'job-events/cli.ts', '--self', 'backup-events', '--container', 'logical-backup',
    '--cluster', 'acid-minimal-cluster', '--cluster-uid', '3f6c0a9e-7b1d-4e25-a8c3-5d9f2e7b1a46', '--cron-job', 'logical-backup-acid-minimal-cluster', '--wait-seconds', '5'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, KUBECONFIG: kubeconfig, POD_NAME: POD, POD_NAMESPACE: 'default' },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('"action":"watch"')) resolve();
    });
    void exited.then(() => resolve());
  });
  // Still running after the start: the process waits for its stop signal.
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.equal(child.exitCode, null, `waits for the stop signal\n${stdout}${stderr}`);
  child.kill('SIGTERM');
  t.equal(await exited, 0, stderr);
  const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
  t.same(lines.map((l) => l.action ?? 'summary'), ['event', 'watch', 'event', 'summary']);
  t.same(server.requests.filter((r) => r.path === EVENTS).map((r) => (JSON.parse(r.body) as { reason: string }).reason), ['LogicalBackupStarted', 'LogicalBackupSucceeded']);
});
