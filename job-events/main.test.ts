// The sidecar from start to stop against recorded API answers: its own pod read through ownPodApi, its Events
// written through eventRecorder, time and the stop signal in the test's hands.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { eventRecorder } from '../operations/events.js';
import { startReplay, type ReplayServer } from '../test/kubernetes-replay.js';
import { ownPodApi } from './kubernetes.js';
import { main, type Invocation, type Runtime } from './main.js';

const TOKEN = 'eyJhbGciOiJSUzI1NiIsImtpZCI6InJlcGxheSJ9.recorded-test-token.c2lnbmF0dXJl';
const POD = 'logical-backup-acid-minimal-cluster-29919075-x7k2p';
const POD_PATH = `/api/v1/namespaces/default/pods/${POD}`;
const EVENTS = '/api/v1/namespaces/default/events';
const UID = '3f6c0a9e-7b1d-4e25-a8c3-5d9f2e7b1a46';
const ENV = { POD_NAME: POD, POD_NAMESPACE: 'default' };
const RUN = `the logical backup Job logical-backup-acid-minimal-cluster-29919075 (pod ${POD}, scheduled by CronJob logical-backup-acid-minimal-cluster)`;

let server: ReplayServer;
t.beforeEach(async () => {
  server = await startReplay();
});
t.afterEach(() => server.close());

interface Run { code: number; lines: Array<Record<string, any>>; events: Array<Record<string, any>>; slept: number[]; invocation?: Invocation }

/** Runs the command with `stop` resolving the stop signal (never, when absent). */
async function run(argv: string[], options: { stop?: boolean; terminationLog?: string } = {}): Promise<Run> {
  const lines: string[] = [];
  const slept: number[] = [];
  let clock = 0;
  let invocation: Invocation | undefined;
  const runtimeFor = (given: Invocation): Runtime => {
    invocation = given;
    return {
      pods: ownPodApi(server.kubeConfig(TOKEN), { timeoutMs: 5_000 }),
      events: eventRecorder(given.subject, {
        config: server.kubeConfig(TOKEN), component: 'postgres-metacontroller-logical-backup', instance: given.pod, timeoutMs: 5_000, now: () => new Date('2026-11-20T03:17:42Z'),
        onError: (error) => lines.push(JSON.stringify({ event: 'not-recorded', reason: error.message })),
      }),
      stopped: options.stop ? Promise.resolve() : new Promise<void>(() => undefined),
      sleep: async (ms) => {
        slept.push(ms);
        clock += ms;
      },
      now: () => clock,
    };
  };
  const log = options.terminationLog ? ['--termination-log', options.terminationLog] : [];
  const code = await main([...argv, ...log], ENV, (line) => lines.push(line), runtimeFor);
  const events = server.requests.filter((r) => r.path === EVENTS).map((r) => JSON.parse(r.body) as Record<string, any>);
  return { code, lines: lines.map((l) => JSON.parse(l) as Record<string, any>), events, slept, ...(invocation ? { invocation } : {}) };
}

const ARGS = ['--self', 'backup-events', '--container', 'logical-backup', '--cluster', 'acid-minimal-cluster', '--cluster-uid', UID, '--cron-job', 'logical-backup-acid-minimal-cluster', '--wait-seconds', '5'];

t.test('a failed scheduled backup: Started, then after the stop LogicalBackupFailed with the log\'s tail, exit 0', async (t) => {
  server.answer('GET', POD_PATH, { status: 200, file: 'pod-logical-backup-running.jsonc' }, { status: 200, file: 'pod-logical-backup-running.jsonc' }, { status: 200, file: 'pod-logical-backup-failed.jsonc' });
  server.answer('POST', EVENTS, { status: 201, file: 'event-created.jsonc' });
  const terminationLog = join(mkdtempSync(join(tmpdir(), 'job-events-')), 'termination-log');
  const result = await run(ARGS, { stop: true, terminationLog });
  t.equal(result.code, 0);
  t.same(result.events.map((e) => [e.type, e.reason, e.involvedObject]), [
    ['Normal', 'LogicalBackupStarted', { apiVersion: 'acid.zalan.do/v1', kind: 'postgresql', name: 'acid-minimal-cluster', namespace: 'default', uid: UID }],
    ['Warning', 'LogicalBackupFailed', { apiVersion: 'acid.zalan.do/v1', kind: 'postgresql', name: 'acid-minimal-cluster', namespace: 'default', uid: UID }],
  ]);
  t.equal(result.events[0]!.message, `${RUN} started`);
  t.equal(result.events[1]!.reportingInstance, POD);
  t.match(result.events[1]!.message, new RegExp(`^${RUN.replace(/[()]/g, '\\$&')} failed: exit code 1 \\(Error\\): IPv4\\nAPI Endpoint: .*\\nupload failed: .*Access Denied$`));
  t.notMatch(result.events[1]!.message, /\+ aws s3 cp/, 'the command trace stays out');
  t.same(result.lines.map((l) => l.action ?? 'summary'), ['event', 'watch', 'wait', 'event', 'summary']);
  t.same(result.lines[2], { action: 'wait', container: 'logical-backup', state: 'running' });
  t.same(result.slept, [1000], 'one poll until the end was in the pod\'s status');
  t.equal(result.lines.at(-1)!.summary.outcome, 'failed');
  t.same(JSON.parse(readFileSync(terminationLog, 'utf8')), result.lines.at(-1), 'the summary is the termination message');
});

t.test('an on-demand backup that succeeded', async (t) => {
  server.answer('GET', POD_PATH, { status: 200, file: 'pod-logical-backup-running.jsonc' }, { status: 200, file: 'pod-logical-backup-succeeded.jsonc' });
  server.answer('POST', EVENTS, { status: 201, file: 'event-created.jsonc' });
  const result = await run([...ARGS.slice(0, -4), '--request', 'before-migration-1', '--wait-seconds', '5'], { stop: true });
  t.same(result.events.map((e) => [e.type, e.reason]), [['Normal', 'LogicalBackupStarted'], ['Normal', 'LogicalBackupSucceeded']]);
  t.match(result.events[1]!.message, /on demand, request before-migration-1\) succeeded$/);
  t.same(result.lines.at(-1)!.summary.outcome, 'succeeded');
});

t.test('as a plain init container it ends at once, records nothing and never waits for a stop', async (t) => {
  server.answer('GET', POD_PATH, { status: 200, file: 'pod-logical-backup-plain-init.jsonc' });
  const result = await run(ARGS);
  t.equal(result.code, 0);
  t.same(result.events, []);
  t.same(result.lines, [{ summary: { outcome: 'skipped', message: `container backup-events is not a native sidecar in pod ${POD} (Kubernetes before 1.29, or the SidecarContainers feature gate off): the backup runs without Events` } }]);
});

t.test('a pod it cannot read is tried three times, then it ends so the backup is never held back', async (t) => {
  server.answer('GET', POD_PATH, { status: 403, file: 'status-403-forbidden.jsonc' });
  const result = await run(ARGS);
  t.equal(result.code, 0);
  t.equal(server.requests.filter((r) => r.path === POD_PATH).length, 3);
  t.same(result.slept, [2000, 2000]);
  t.same(result.events, []);
  t.match(result.lines.at(-1), { summary: { outcome: 'skipped', message: /could not be read/ } });
});

t.test('when the end does not reach the pod\'s status in time, the outcome is unknown', async (t) => {
  server.answer('GET', POD_PATH, { status: 200, file: 'pod-logical-backup-running.jsonc' });
  server.answer('POST', EVENTS, { status: 201, file: 'event-created.jsonc' });
  const result = await run(ARGS, { stop: true });
  t.same(result.events.map((e) => [e.type, e.reason]), [['Normal', 'LogicalBackupStarted'], ['Warning', 'LogicalBackupOutcomeUnknown']]);
  t.equal(result.slept.reduce((a, b) => a + b, 0), 5000, 'polled for --wait-seconds');
  t.equal(result.lines.filter((l) => l.action === 'wait').length, 1, 'one line per state, not per poll');
});

t.test('Events the API refuses are reported and change nothing else', async (t) => {
  server.answer('GET', POD_PATH, { status: 200, file: 'pod-logical-backup-running.jsonc' }, { status: 200, file: 'pod-logical-backup-succeeded.jsonc' });
  server.answer('POST', EVENTS, { status: 403, file: 'status-403-events-forbidden.jsonc' });
  const result = await run(ARGS, { stop: true });
  t.equal(result.code, 0);
  t.equal(result.lines.filter((l) => l.event === 'not-recorded').length, 2);
  t.equal(result.lines.at(-1)!.summary.outcome, 'succeeded');
});

t.test('unusable arguments end at once with exit 0 (a plain init container must not fail the pod)', async (t) => {
  const result = await run(['--container', 'logical-backup']);
  t.equal(result.code, 0);
  t.equal(result.invocation, undefined);
  t.match(result.lines, [{ summary: { outcome: 'unusable', message: /--self, --container, --cluster/ } }]);
  t.match((await run(ARGS.filter((a) => a !== '--cron-job' && a !== 'logical-backup-acid-minimal-cluster'))).lines, [{ summary: { outcome: 'unusable', message: /one of --cron-job or --request/ } }]);
});
