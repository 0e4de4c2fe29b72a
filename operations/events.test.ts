// Events on the postgresql object against recorded API answers (test/kubernetes-replay.ts), and which
// report lines become Events.
import t from 'tap';
import { startReplay, type ReplayServer } from '../test/kubernetes-replay.js';
import { EVENT_NOTE_BYTES, eventRecorder } from './events.js';
import type { KubernetesError } from './kubernetes.js';
import type { JobEvent } from './recorder.js';
import { OperationsReport } from './report.js';

const TOKEN = 'eyJhbGciOiJSUzI1NiIsImtpZCI6InJlcGxheSJ9.recorded-test-token.c2lnbmF0dXJl';
const EVENTS = '/api/v1/namespaces/default/events';
const SUBJECT = { name: 'acid-minimal-cluster', namespace: 'default', uid: '3f6c0a9e-7b1d-4e25-a8c3-5d9f2e7b1a46' };
const AT = new Date('2026-11-20T12:00:00Z');
const POD = 'acid-minimal-cluster-switchover-1a2b3c4d5e-q8w2z';

let server: ReplayServer;
let errors: KubernetesError[];
t.beforeEach(async () => {
  server = await startReplay();
  errors = [];
});
t.afterEach(() => server.close());

const recorder = () => eventRecorder(SUBJECT, {
  config: server.kubeConfig(TOKEN), component: 'postgres-metacontroller-operations', instance: POD, now: () => AT, timeoutMs: 5_000,
  onError: (error) => errors.push(error),
});
const sent = () => server.requests.map((r) => JSON.parse(r.body) as Record<string, any>);

t.test('an Event is a POST of a core/v1 Event about the postgresql object, as kubectl describe lists them', async (t) => {
  server.answer('POST', EVENTS, { status: 201, file: 'event-created.jsonc' });
  const events = recorder();
  events.record({ type: 'Normal', reason: 'SwitchoverStarted', note: `the operations Job (pod ${POD}) started: switchover` });
  await events.flush();
  t.same(errors, []);
  t.equal(server.requests.length, 1);
  t.equal(server.requests[0]!.method, 'POST');
  t.equal(server.requests[0]!.path, EVENTS);
  t.equal(server.requests[0]!.headers.authorization, `Bearer ${TOKEN}`);
  t.same(sent()[0], {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { generateName: 'acid-minimal-cluster.', namespace: 'default' },
    involvedObject: { apiVersion: 'acid.zalan.do/v1', kind: 'postgresql', name: 'acid-minimal-cluster', namespace: 'default', uid: SUBJECT.uid },
    type: 'Normal',
    reason: 'SwitchoverStarted',
    message: `the operations Job (pod ${POD}) started: switchover`,
    source: { component: 'postgres-metacontroller-operations' },
    reportingComponent: 'postgres-metacontroller-operations',
    reportingInstance: POD,
    firstTimestamp: '2026-11-20T12:00:00.000Z',
    lastTimestamp: '2026-11-20T12:00:00.000Z',
    count: 1,
  });
});

t.test('Events are written one after the other, in the order recorded', async (t) => {
  server.answer('POST', EVENTS, { status: 201, file: 'event-created.jsonc' });
  const events = recorder();
  for (const reason of ['A', 'B', 'C']) events.record({ type: 'Normal', reason, note: reason });
  await events.flush();
  t.same(sent().map((e) => e.reason), ['A', 'B', 'C']);
});

t.test('an Event the API refuses is reported and never thrown; the next one is still tried', async (t) => {
  server.answer('POST', EVENTS, { status: 403, file: 'status-403-events-forbidden.jsonc' }, { status: 201, file: 'event-created.jsonc' });
  const events = recorder();
  events.record({ type: 'Warning', reason: 'StepFailed', note: 'first' });
  events.record({ type: 'Normal', reason: 'SwitchedOver', note: 'second' });
  await events.flush();
  t.equal(server.requests.length, 2);
  t.equal(errors.length, 1);
  t.match(errors[0], { status: 403, reason: 'Forbidden', request: `POST ${EVENTS}`, detail: /cannot create resource "events"/ });
  t.notMatch(errors[0]!.message, TOKEN);
});

t.test('no answer at all is reported the same way', async (t) => {
  await server.close();
  const events = eventRecorder(SUBJECT, { config: server.kubeConfig(TOKEN), component: 'c', instance: 'i', timeoutMs: 1_000, onError: (error) => errors.push(error) });
  events.record({ type: 'Normal', reason: 'R', note: 'n' });
  await events.flush();
  t.equal(errors.length, 1);
  t.equal(errors[0]!.status, undefined);
  server = await startReplay();
});

t.test('a long note is cut to the Event size Kubernetes keeps', async (t) => {
  server.answer('POST', EVENTS, { status: 201, file: 'event-created.jsonc' });
  const events = recorder();
  events.record({ type: 'Warning', reason: 'RolloutFailed', note: 'x'.repeat(5000) });
  await events.flush();
  const message = sent()[0]!.message as string;
  t.ok(Buffer.byteLength(message) <= EVENT_NOTE_BYTES);
  t.match(message, /…$/);
});

/** The Events a report gives for these lines and summary. */
function eventsOf(lines: Parameters<OperationsReport['record']>[0][], summary?: [string, 'done' | 'failed' | 'refused' | 'planned', string]): JobEvent[] {
  const recorded: JobEvent[] = [];
  const report = new OperationsReport(() => undefined, undefined, { record: (e) => recorded.push(e), flush: async () => undefined });
  for (const line of lines) report.record(line);
  if (summary) report.summary(...summary);
  return recorded;
}

t.test('a rollout tells the pods recreated and the switchover, not the waits or the plan', async (t) => {
  t.same(eventsOf([
    { action: 'recreate', member: 'acid-1', status: 'planned' },
    { action: 'switchover', from: 'acid-0', to: 'acid-1', status: 'planned' },
    { action: 'recreate', member: 'acid-1', status: 'done' },
    { action: 'wait', member: 'acid-1', status: 'done' },
    { action: 'switchover', from: 'acid-0', to: 'acid-1', status: 'done' },
    { action: 'recreate', member: 'acid-0', status: 'done' },
  ], ['rollout', 'done', 'rollout done']), [
    { type: 'Normal', reason: 'PodRecreated', note: 'recreated pod acid-1 from the current pod template' },
    { type: 'Normal', reason: 'SwitchedOver', note: 'switched over from acid-0 to acid-1' },
    { type: 'Normal', reason: 'PodRecreated', note: 'recreated pod acid-0 from the current pod template' },
    { type: 'Normal', reason: 'RolloutSucceeded', note: 'rollout done' },
  ]);
});

t.test('a resize and an upgrade tell what changed; an unchanged step tells nothing', async (t) => {
  t.same(eventsOf([
    { action: 'patch-claim', claim: 'pgdata-acid-0', from: '1Gi', to: '2Gi', status: 'done' },
    { action: 'delete-statefulset', statefulSet: 'acid', status: 'done' },
    { action: 'delete-statefulset', statefulSet: 'acid', status: 'done', unchanged: true },
    { action: 'upgrade', member: 'acid-0', from: '17', to: '18', status: 'done' },
    { action: 'patch-config', keys: [], status: 'done', unchanged: true },
  ]).map((e) => [e.reason, e.note]), [
    ['VolumeResized', 'grew volume claim pgdata-acid-0 from 1Gi to 2Gi'],
    ['StatefulSetReleased', 'deleted StatefulSet acid keeping its pods and volumes, for the hook to recreate it with the new volume size'],
    ['Upgraded', 'upgraded PostgreSQL from 17 to 18 on acid-0'],
  ]);
});

t.test('failures and refusals are Warnings with their reason; a dry run ends without an Event', async (t) => {
  t.same(eventsOf([
    { action: 'refused', member: 'acid-1', reason: 'lags 300 MB behind' },
    { action: 'patch-claim', claim: 'pgdata-acid-0', status: 'failed', reason: 'only dynamically provisioned pvc can be resized' },
    { action: 'upgrade', member: 'acid-0', status: 'failed', exitCode: 1 },
  ], ['resize', 'failed', 'patch-claim failed']), [
    { type: 'Warning', reason: 'Refused', note: 'acid-1: lags 300 MB behind' },
    { type: 'Warning', reason: 'StepFailed', note: 'patch-claim pgdata-acid-0 failed: only dynamically provisioned pvc can be resized' },
    { type: 'Warning', reason: 'StepFailed', note: 'upgrade acid-0 failed: exit code 1' },
    { type: 'Warning', reason: 'ResizeFailed', note: 'patch-claim failed' },
  ]);
  t.same(eventsOf([{ action: 'switchover', from: 'a', to: 'b', status: 'planned' }], ['switchover', 'planned', 'dry run']), []);
  t.same(eventsOf([], ['switchover', 'refused', 'refused: no healthy replica']), [{ type: 'Warning', reason: 'SwitchoverRefused', note: 'refused: no healthy replica' }]);
});
