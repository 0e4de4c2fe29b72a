// The upgrade Job's side against recorded Kubernetes answers (test/kubernetes-replay.ts): the checks it
// makes through Patroni (given as observations here), the critical-operation labels set before and
// removed after the script whatever happened, the exec of Spilo's script and how its end is reported.
// Spilo's script itself cannot run here (no Spilo image): its sessions are recorded.
import t from 'tap';
import { startReplay, type ReplayServer } from '../test/kubernetes-replay.js';
import type { OperationsState } from '../schemas/operations-state.js';
import { kubernetesApi, type KubernetesApi } from './kubernetes.js';
import type { Member } from './members.js';
import type { Observation } from './plan.js';
import { OperationsReport } from './report.js';
import { majorOf, outputTail, runUpgrade, upgradeCommand, type UpgradeSteps } from './upgrade.js';

const PODS = '/api/v1/namespaces/default/pods';
const PRIMARY = 'acid-minimal-cluster-0';
const REPLICA = 'acid-minimal-cluster-1';
const EXEC = `${PODS}/${PRIMARY}/exec`;

const state: OperationsState = {
  cluster: 'acid-minimal-cluster', namespace: 'default', action: 'upgrade', podSelector: { 'cluster-name': 'acid-minimal-cluster' },
  patroniPort: 8008, maximumLagOnFailover: 33554432, upgrade: { targetMajor: '17', container: 'postgres' },
};
const members: Member[] = [PRIMARY, REPLICA].map((name, i) => ({ name, restUrl: `http://10.0.0.${i + 1}:8008`, upToDate: true, ready: true }));

function observation(options: { lag?: number; pause?: boolean; leaderRole?: string } = {}): Observation {
  return {
    view: {
      members: [
        { name: PRIMARY, role: options.leaderRole ?? 'leader', state: 'running', timeline: 1 },
        { name: REPLICA, role: 'replica', state: 'streaming', timeline: 1, lag: options.lag ?? 0 },
      ],
      ...(options.pause ? { pause: true } : {}),
    },
    streaming: new Set([REPLICA]),
  };
}

function steps(versions: Record<string, number | undefined> = { [PRIMARY]: 160004, [REPLICA]: 160004 }, observed = observation()) {
  const waited: Array<[string, number]> = [];
  const value: UpgradeSteps = {
    members,
    observe: async () => observed,
    serverVersion: async (member) => versions[member],
    waitUpgraded: async (leader, major) => void waited.push([leader, major]),
  };
  return { value, waited };
}

let server: ReplayServer;
let api: KubernetesApi;
let lines: string[];
let report: OperationsReport;
t.beforeEach(async () => {
  server = await startReplay();
  api = kubernetesApi(server.kubeConfig('token'), { timeoutMs: 5_000 });
  lines = [];
  report = new OperationsReport((line) => lines.push(line));
  for (const pod of [PRIMARY, REPLICA]) {
    server.answer('PATCH', `${PODS}/${pod}`, { status: 200, file: 'pod-replica-labelled.jsonc' }, { status: 200, file: 'pod-replica.jsonc' });
  }
});
t.afterEach(() => server.close());

/** Each request as `METHOD path`, a label patch with the value it sets, an exec with its command. */
function requests(): string[] {
  return server.requests.map((r) => {
    if (r.method === 'PATCH') return `PATCH ${r.path.split('/').at(-1)} ${JSON.stringify(JSON.parse(r.body).metadata.labels['critical-operation'])}`;
    return `EXEC ${r.path.split('/').at(-2)} ${new URLSearchParams(r.rawQuery).getAll('command').join(' ')}`;
  });
}

const labelled = [`PATCH ${PRIMARY} "true"`, `PATCH ${REPLICA} "true"`];
const unlabelled = [`PATCH ${PRIMARY} null`, `PATCH ${REPLICA} null`];

t.test('success: label every pod, check the user, run the script as postgres, wait for the new version, remove the labels', async (t) => {
  server.answerUpgrade(EXEC, { status: 101, file: 'exec-id-root.jsonc' }, { status: 101, file: 'exec-upgrade-succeeded.jsonc' });
  const { value, waited } = steps();
  const result = await runUpgrade(state, value, api, report, false);
  t.same(requests(), [
    ...labelled,
    `EXEC ${PRIMARY} /bin/bash -c /usr/bin/id -u`,
    `EXEC ${PRIMARY} /bin/su postgres -c set -o pipefail && /usr/bin/python3 /scripts/inplace_upgrade.py 2 2>&1 | tee last_upgrade.log`,
    ...unlabelled,
  ]);
  t.same(new URLSearchParams(server.requests[2]!.rawQuery).get('container'), 'postgres');
  t.same(waited, [[PRIMARY, 17]]);
  t.match(result, { outcome: 'done', message: /^upgraded from PostgreSQL 16 to 17; inplace_upgrade.py:\n2026-11-21 22:00:03,112 inplace_upgrade INFO: Cluster acid-minimal-cluster is ready[^]*Total upgrade time \(with analyze\): 29.22$/ });
  t.match(lines.map((l) => JSON.parse(l)), [
    { action: 'upgrade', member: PRIMARY, from: 16, to: 17, members: 2, status: 'planned' },
    { action: 'label', member: PRIMARY, value: 'true', status: 'done' }, { action: 'label', member: REPLICA, value: 'true', status: 'done' },
    { action: 'upgrade', status: 'done', exitCode: 0 },
    { action: 'label', member: PRIMARY, value: null, status: 'done' }, { action: 'label', member: REPLICA, value: null, status: 'done' },
  ]);
});

t.test('a non-root container runs the script with bash directly', async (t) => {
  server.answerUpgrade(EXEC, { status: 101, file: 'exec-upgrade-failed.jsonc' });
  // The failed session's stdout is not "0": read as a non-root user id.
  await runUpgrade(state, steps().value, api, report, false);
  t.match(requests()[3], /^EXEC acid-minimal-cluster-0 \/bin\/bash -c set -o pipefail/);
});

t.test('the script exits 1: failed with its last lines, the labels removed all the same', async (t) => {
  server.answerUpgrade(EXEC, { status: 101, file: 'exec-id-root.jsonc' }, { status: 101, file: 'exec-upgrade-failed.jsonc' });
  const { value, waited } = steps();
  const result = await runUpgrade(state, value, api, report, false);
  t.same(result, { outcome: 'failed', message: 'inplace_upgrade.py exited with 1:\n2026-11-21 22:00:02,517 inplace_upgrade ERROR: Upgrade can not be triggered because Patroni is in maintenance mode' });
  t.same(requests().slice(-2), unlabelled);
  t.same(waited, [], 'no wait for a version that did not come');
});

t.test('the exec itself fails: failed, the labels removed', async (t) => {
  server.answerUpgrade(EXEC, { status: 101, file: 'exec-id-root.jsonc' }, { status: 101, file: 'exec-internal-error.jsonc' });
  const result = await runUpgrade(state, steps().value, api, report, false);
  t.match(result, { outcome: 'failed', message: /^the upgrade from PostgreSQL 16 to 17 failed: exec \/bin\/su in .*InternalError: .*container not running$/ });
  t.same(requests().slice(-2), unlabelled);
});

t.test('a label that cannot be set: the script does not run; the labels set are removed', async (t) => {
  server.answer('PATCH', `${PODS}/${REPLICA}`, { status: 422, file: 'status-422-invalid-label.jsonc' });
  const result = await runUpgrade(state, steps().value, api, report, false);
  t.match(result, { outcome: 'failed', message: /could not label the pods critical-operation: acid-minimal-cluster-1: PATCH .* 422 Invalid[^]*the upgrade did not start\nthe critical-operation label is still on: acid-minimal-cluster-1/ });
  t.notOk(requests().some((r) => r.startsWith('EXEC')));
  t.same(requests(), [...labelled, ...unlabelled]);
});

t.test('already at the target: nothing is labelled or run', async (t) => {
  const result = await runUpgrade(state, steps({ [PRIMARY]: 170002, [REPLICA]: 170002 }).value, api, report, false);
  t.same(result, { outcome: 'done', message: 'the cluster runs PostgreSQL 17 already (target 17): nothing was changed' });
  t.same(server.requests, []);
});

t.test('refusals before anything is touched', async (t) => {
  const refusal = async (s: UpgradeSteps) => {
    const result = await runUpgrade(state, s, api, report, false);
    return 'refused' in result ? result.refused : result;
  };
  t.same(await refusal(steps(undefined, observation({ lag: 16 * 1024 * 1024 + 1 })).value), { member: REPLICA, reason: 'lags 16777217 bytes, more than maximum_lag_on_failover 16777216' });
  t.same(await refusal(steps({ [PRIMARY]: 170002, [REPLICA]: 160004 }).value), { reason: 'the members run different major versions (acid-minimal-cluster-0: 17, acid-minimal-cluster-1: 16)' });
  t.same(await refusal(steps({ [PRIMARY]: 160004, [REPLICA]: undefined }).value), { member: REPLICA, reason: 'Patroni reports no server_version' });
  t.match(await refusal(steps(undefined, observation({ pause: true })).value), { reason: /Patroni is paused/ });
  t.match(await refusal(steps(undefined, observation({ leaderRole: 'standby_leader' })).value), { reason: 'a standby cluster is not upgraded in place' });
  t.match(await runUpgrade(state, steps().value, undefined, report, false), { refused: { reason: /needs the Kubernetes API/ } });
  t.same(server.requests, []);
  t.match(await runUpgrade(state, steps().value, api, report, true), { outcome: 'done', message: 'dry run: nothing was changed' });
  t.same(server.requests, [], 'a dry run neither');
});

t.test('the output tail: the last lines within bounds, passwords masked', async (t) => {
  const long = Array.from({ length: 100 }, (_, i) => `line ${i} ${'x'.repeat(40)}`).join('\n');
  const tail = outputTail(`${long}\n`);
  t.ok(tail.length <= 1200);
  t.match(tail, /line 99 x+$/);
  t.notMatch(tail, /line 70 /);
  t.equal(outputTail('connect password=hunter2 user=postgres\nPGPASSWORD: s3cret'), 'connect password=*** user=postgres\nPGPASSWORD: ***');
  t.equal(outputTail('y'.repeat(5000)).length, 1200, 'a single long line is cut from its start');
  t.equal(majorOf(170004), 17);
  t.equal(upgradeCommand(3), 'set -o pipefail && /usr/bin/python3 /scripts/inplace_upgrade.py 3 2>&1 | tee last_upgrade.log');
});
