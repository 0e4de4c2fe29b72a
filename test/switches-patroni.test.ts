// Hibernation and pause against a real Patroni cluster (test/patroni.ts: etcd, Patroni and PostgreSQL on
// loopback). Kubernetes does not run here, so this file plays the part of what acts on the sync hook's answer,
// and nothing more: the StatefulSet controller stops members when the answer has fewer replicas (highest ordinal
// first, one at a time, SIGTERM with the pod's grace period) and starts them in ordinal order when it has more;
// the Job controller runs each new Job of the answer with the Job's own runner against the members; and
// Metacontroller calls the hook again with the answer fed back (test/support.ts `fedBack`) and the StatefulSet's
// status as the running members make it (the hook does not watch the database pods).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { syncRequest } from '../fixtures/requests.js';
import { annotationKeys, labelKeys, names } from '../hooks/names.js';
import { keepAsDeclared } from '../hooks/passthrough.js';
import { sync } from '../hooks/sync.js';
import { localMembers } from '../operations/local.js';
import { loadOperationsState } from '../operations/main.js';
import { OperationsReport } from '../operations/report.js';
import { runOperation } from '../operations/run.js';
import type { KubeObject, SyncRequest, SyncResponse } from '../schemas/hook.js';
import { loadState as loadSetupState } from '../setup/main.js';
import { Report } from '../setup/report.js';
import { runSetup } from '../setup/run.js';
import { startPatroniCluster, waitFor, type PatroniCluster } from './patroni.js';
import { fedBack, inputs, JOB_SUCCEEDED, withAnnotations, withSpecChange } from './support.js';

const NAME = 'acid-switches';
const INSTANCES = 2;
const WAIT_MS = 30_000;

const manifest = {
  apiVersion: 'acid.zalan.do/v1',
  kind: 'postgresql',
  metadata: { name: NAME, namespace: 'default' },
  spec: {
    teamId: 'acid',
    volume: { size: '1Gi' },
    numberOfInstances: INSTANCES,
    postgresql: { version: '18', parameters: { work_mem: '4MB', max_connections: '100' } },
    // The harness's timings: the configuration Job keeps them, where Spilo's defaults would slow every loop to 10 s.
    patroni: { ttl: 20, loop_wait: 1, retry_timeout: 5 },
  },
};

let cluster: PatroniCluster;
const dir = mkdtempSync(join(tmpdir(), 'pgmc-switches-'));
t.before(async () => {
  // Members named as the StatefulSet's pods; started as OrderedReady starts them, so the leader is pod 0.
  cluster = await startPatroniCluster({ members: INSTANCES, scope: NAME, ordered: true });
});
t.teardown(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// The controllers' part

type StatefulSet = IStatefulSet & KubeObject;

const ofKind = (response: SyncResponse, kind: string) => response.children.filter((c) => c.kind === kind);
const statefulSetOf = (response: SyncResponse) => ofKind(response, 'StatefulSet')[0] as StatefulSet;
const jobNames = (response: SyncResponse) => ofKind(response, 'Job').map((j) => j.metadata.name).sort();
const templateHashOf = (statefulSet: StatefulSet) => statefulSet.spec?.template.metadata?.annotations?.[annotationKeys.podTemplateHash] ?? '';
const condition = (response: SyncResponse, type: string) => response.status.conditions?.find((c) => c.type === type);

/** The status each Job that ran ended with, as the Job controller reports it. */
const jobStatus = new Map<string, object>();
/** The pod template hash each running member was started from (the first answer's for the bootstrap). */
const startedFrom = new Map<string, string>();

interface JobRun { name: string; application: string; outcome: string; lines: string[] }
interface Round {
  /** The request the hook answered, and its answer. */
  request: SyncRequest;
  response: SyncResponse;
  /** What the StatefulSet controller did, in order (`stop <member>`, `start <member>`). */
  scaled: string[];
  ran: JobRun[];
  /** The request Metacontroller sends next. */
  next: SyncRequest;
}

function memberName(ordinal: number): string {
  return names.pod(NAME, ordinal);
}

/** OrderedReady: one pod at a time, the highest ordinal first on the way down, the lowest first on the way up. */
async function scale(statefulSet: StatefulSet): Promise<string[]> {
  const replicas = statefulSet.spec?.replicas ?? 1;
  const podSpec = statefulSet.spec?.template.spec;
  // Without a readiness probe (enable_readiness_probe is off by default) a pod is Ready once its container runs,
  // so the controller starts the next one at once; a probe would need its wait played here too.
  if (podSpec?.containers.some((c) => c.readinessProbe)) throw new Error('this play of the StatefulSet controller knows no readiness probe');
  const graceMs = (podSpec?.terminationGracePeriodSeconds ?? 30) * 1000;
  const actions: string[] = [];
  // The members started before the first answer are the pods its StatefulSet created.
  for (const member of cluster.members) if (member.running && !startedFrom.has(member.name)) startedFrom.set(member.name, templateHashOf(statefulSet));
  for (let ordinal = INSTANCES - 1; ordinal >= replicas; ordinal--) {
    const member = cluster.member(memberName(ordinal));
    if (!member.running) continue;
    await cluster.stopMember(member.name, graceMs);
    startedFrom.delete(member.name);
    actions.push(`stop ${member.name}`);
  }
  for (let ordinal = 0; ordinal < Math.min(replicas, INSTANCES); ordinal++) {
    const member = cluster.member(memberName(ordinal));
    if (member.running) continue;
    await cluster.startMember(member.name);
    startedFrom.set(member.name, templateHashOf(statefulSet));
    actions.push(`start ${member.name}`);
  }
  return actions;
}

/** The Job's state as the Job reads it: its ConfigMap's state.json, mounted as a file. */
function stateFile(response: SyncResponse, job: KubeObject): string {
  const configMap = response.children.find((c) => c.kind === 'ConfigMap' && c.metadata.name === job.metadata.name) as KubeObject & { data: Record<string, string> };
  const file = join(dir, `${job.metadata.name}.json`);
  writeFileSync(file, configMap.data['state.json']!);
  return file;
}

async function runJob(response: SyncResponse, job: KubeObject): Promise<JobRun> {
  const application = job.metadata.labels?.[labelKeys.application] ?? '';
  const lines: string[] = [];
  const name = job.metadata.name;
  let outcome: string;
  if (application === 'db-setup') {
    // The setup Job connects to the master Service: the leader. This manifest declares no role with a password.
    const leader = await cluster.leader();
    const report = new Report((line) => lines.push(line));
    await runSetup(loadSetupState(stateFile(response, job)), {
      connect: (database) => cluster.client(leader, database), passwords: new Map(), report, deadlineMs: WAIT_MS, log: (line) => lines.push(line),
    });
    outcome = report.summary().failed === 0 ? 'done' : 'failed';
  } else if (application === 'db-operations') {
    // Local mode, the running members as the pods the Job would list.
    const members = cluster.members.filter((m) => m.running).map((m) => ({ name: m.name, restUrl: m.restUrl }));
    const source = localMembers(members, { outdated: new Set() });
    outcome = await runOperation(loadOperationsState(stateFile(response, job)), { source, report: new OperationsReport((line) => lines.push(line)), dryRun: false, waitMs: WAIT_MS, pollMs: 200 });
  } else {
    throw new Error(`Job ${name} is neither a setup nor an operations Job`);
  }
  jobStatus.set(name, outcome === 'done' ? JOB_SUCCEEDED : { conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: lines.at(-1) ?? '' }] });
  return { name, application, outcome, lines };
}

/** What Metacontroller sends after the answer was applied: the children, and their status as the running members make it. */
async function observe(request: SyncRequest, response: SyncResponse): Promise<SyncRequest> {
  const next = fedBack(request, response);
  const running = cluster.members.filter((m) => m.running);
  // The StatefulSet controller counts a pod updated when it was created from the current template.
  const updated = running.filter((m) => startedFrom.get(m.name) === templateHashOf(statefulSetOf(response))).length;
  const withStatus = (kind: string, status: (child: KubeObject) => object | undefined) => Object.fromEntries(Object.entries(next.children[kind] ?? {})
    .map(([key, child]) => [key, { ...child, ...(status(child) ? { status: status(child) } : {}) }]));
  const children = {
    ...next.children,
    'StatefulSet.apps/v1': withStatus('StatefulSet.apps/v1', () => ({ replicas: running.length, readyReplicas: running.length, updatedReplicas: updated, observedGeneration: 1 })),
    'Job.batch/v1': withStatus('Job.batch/v1', (job) => jobStatus.get(job.metadata.name)),
  };
  return { ...next, children };
}

/** One sync: the hook answers, the controllers act on the answer, Metacontroller observes the result. */
async function reconcile(request: SyncRequest): Promise<Round> {
  const response = sync(request, inputs());
  const scaled = await scale(statefulSetOf(response));
  const ran: JobRun[] = [];
  for (const job of ofKind(response, 'Job') ) {
    if (!jobStatus.has(job.metadata.name)) ran.push(await runJob(response, job));
  }
  // Metacontroller syncs again as the pods change; observing once Patroni has settled gives the pods their roles.
  if (scaled.some((action) => action.startsWith('start'))) await cluster.waitHealthy({ timeoutMs: WAIT_MS });
  return { request, response, scaled, ran, next: await observe(request, response) };
}

/** Syncs until an answer changes nothing: the same children as the one before, nothing scaled, no Job run. */
async function settle(request: SyncRequest): Promise<{ rounds: Round[]; last: Round }> {
  const rounds: Round[] = [];
  for (let i = 0; i < 6; i++) {
    const round = await reconcile(rounds.at(-1)?.next ?? request);
    const previous = rounds.at(-1);
    rounds.push(round);
    if (previous && round.scaled.length === 0 && round.ran.length === 0 && JSON.stringify(round.response.children) === JSON.stringify(previous.response.children)) {
      return { rounds, last: round };
    }
  }
  throw new Error(`no stable answer after ${rounds.length} syncs`);
}

// ---------------------------------------------------------------------------------------------
// The database

const settings = async (member: string) => (await cluster.query<Record<string, string>>(member, "SELECT current_setting('work_mem') AS work_mem, current_setting('max_connections') AS max_connections"))[0];
const startTimes = async () => Promise.all(cluster.members.filter((m) => m.running).map(async (m) => (await cluster.rest(m.name).status()).postmaster_start_time));

/** The cluster as the first test leaves it, for the second. */
let awake: Round;

t.test('hibernation stops every member, keeps every child, and the wake-up brings back the same cluster and data', async (t) => {
  const created = await settle(syncRequest(manifest));
  const ranFirst = created.rounds.flatMap((r) => r.ran);
  t.same(ranFirst.map((r) => [r.application, r.outcome]), [['db-setup', 'done'], ['db-operations', 'done']], `the setup and configuration Jobs ran: ${JSON.stringify(ranFirst)}`);
  const before = created.last;
  const leader = await cluster.leader();
  t.equal(leader, memberName(0));

  await cluster.query(leader, "CREATE TABLE kept (n int PRIMARY KEY, note text); INSERT INTO kept SELECT n, md5(n::text) FROM generate_series(1, 1000) n");
  const last = await cluster.client(leader);
  await last.query('BEGIN');
  await last.query("INSERT INTO kept VALUES (1001, 'committed just before hibernating')");
  await last.query('COMMIT');
  await last.end();
  const timeline = (await cluster.rest(leader).status()).timeline!;

  const asleep = await reconcile(withAnnotations(before.next, { [annotationKeys.hibernate]: 'true' }));
  t.equal(statefulSetOf(asleep.response).spec?.replicas, 0);
  t.same(jobNames(asleep.response), jobNames(before.response), 'no new Job: the finished ones are kept');
  t.same(asleep.ran, []);
  t.same(asleep.scaled, [`stop ${memberName(1)}`, `stop ${memberName(0)}`], 'the highest ordinal first, so the primary stops last');
  for (const member of cluster.members) await t.rejects(cluster.client(member.name), `${member.name}: PostgreSQL is down`);

  const stopped = await settle(asleep.next);
  t.same(stopped.rounds.flatMap((r) => [...r.scaled, ...r.ran.map((j) => j.name)]), [], 'nothing starts while hibernated');
  t.same(stopped.last.response.children, asleep.response.children, 'fed back, the same children');
  t.equal(stopped.last.response.status.PostgresClusterStatus, 'Running', 'no pod runs, as declared');
  t.match(condition(stopped.last.response, 'Hibernated'), { status: 'True', reason: 'Requested' });

  const woken = await reconcile(withAnnotations(stopped.last.next, { [annotationKeys.hibernate]: undefined }));
  // Nothing differs: the Jobs' intents (and with the fixed clock their repair bucket) are those before hibernation,
  // so they are the finished ones, kept. A wake-up in a later repair_interval would add the periodic repair Jobs.
  t.same(woken.response.children, before.response.children, 'the children of before hibernation, byte for byte');
  t.same(woken.scaled, [`start ${memberName(0)}`, `start ${memberName(1)}`], 'in ordinal order');
  t.same(woken.ran, [], 'no Job');
  awake = (await settle(woken.next)).last;
  t.same(awake.response.children, before.response.children, 'and it stays so');
  t.match(condition(awake.response, 'Hibernated'), { status: 'False', reason: 'Awake' });
  t.equal(awake.response.status.PostgresClusterStatus, 'Running');

  const newLeader = await cluster.leader();
  const streaming = (await cluster.rest(newLeader).status()).replication?.filter((r) => r.state === 'streaming').map((r) => r.application_name);
  t.same(streaming, cluster.members.map((m) => m.name).filter((name) => name !== newLeader), 'one leader, the other member streaming from it');
  for (const member of cluster.members) {
    t.same(await cluster.query(member.name, "SELECT count(*)::int AS rows, max(n) AS last, (SELECT note FROM kept WHERE n = 1001) AS note FROM kept"),
      [{ rows: 1001, last: 1001, note: 'committed just before hibernating' }], `${member.name}: every row`);
    // Patroni's graceful stop of the leader releases the leader key, so after the start no member holds it: each
    // starts PostgreSQL as a replica (Patroni's recover(): "starting as a secondary"), the healthiest wins the
    // leader race and promotes itself. One promotion: one new timeline, whoever wins. (A replica's Patroni reports
    // the timeline it last cached, so it is read once the member has moved past the old one.)
    const now = await waitFor(`${member.name} past timeline ${timeline}`, WAIT_MS, async () => {
      const reported = (await cluster.rest(member.name).status()).timeline ?? 0;
      return reported > timeline ? reported : undefined;
    });
    t.equal(now, timeline + 1, `${member.name}: timeline ${timeline} + 1`);
  }
});

t.test('paused, a changed manifest changes no child and nothing in Patroni; unpaused, the configuration Job applies it', async (t) => {
  const leader = await cluster.waitHealthy({ timeoutMs: WAIT_MS });
  const observedChildren = Object.values(awake.next.children).flatMap((byName) => Object.values(byName)).map(keepAsDeclared);
  const dynamicConfig = await cluster.rest(leader).config();
  const memberSettings = await Promise.all(cluster.members.map((m) => settings(m.name)));
  const started = await startTimes();

  const changed = withSpecChange(awake.next, {
    numberOfInstances: 1,
    postgresql: { version: '18', parameters: { work_mem: '8MB', max_connections: '120' } },
  });
  const paused = await reconcile(withAnnotations(changed, { [annotationKeys.pause]: 'true', [annotationKeys.restart]: 'after-maintenance' }));
  t.same(paused.response.children, observedChildren, 'every observed child as it was declared');
  t.same(paused.scaled, [], 'no member stopped');
  t.same(paused.ran, [], 'no Job');
  t.match(condition(paused.response, 'ReconciliationPaused'), { status: 'True', reason: 'Requested' });
  const stillPaused = await settle(paused.next);
  t.same(stillPaused.rounds.flatMap((r) => [...r.scaled, ...r.ran.map((j) => j.name)]), [], 'fed back, still nothing acts');
  t.same(stillPaused.last.response.children, observedChildren);
  t.same(await cluster.rest(leader).config(), dynamicConfig, 'Patroni\'s dynamic configuration is unchanged');
  t.same(await Promise.all(cluster.members.map((m) => settings(m.name))), memberSettings, 'and so are the members\' settings');
  t.same(await startTimes(), started, 'no member restarted');

  const unpaused = await reconcile(withAnnotations(stillPaused.last.next, { [annotationKeys.pause]: undefined }));
  const newJobs = jobNames(unpaused.response).filter((name) => !jobNames(awake.response).includes(name));
  t.same(newJobs, [unpaused.ran[0]?.name], 'one new Job');
  t.match(unpaused.ran, [{ name: new RegExp(`^${names.operationsPrefix(NAME, 'config')}`), outcome: 'done' }], 'the configuration Job, run for real');
  t.equal(statefulSetOf(unpaused.response).spec?.replicas, 2, 'the scale-down waits for its switchover Job');
  t.same(unpaused.scaled, []);
  t.match(condition(unpaused.response, 'Switchover'), { status: 'False', reason: 'Waiting', message: /goes first; the scale-down from 2 to 1 instances waits for the switchover Job/ });
  t.match(condition(unpaused.response, 'Restart'), { status: 'False', reason: 'Waiting', message: /goes first/ }, 'the restart request waits for the configuration Job');
  t.same(await settings(leader), { work_mem: '8MB', max_connections: '120' }, 'the new settings are live');
  const parameters = ((await cluster.rest(leader).config()).postgresql as { parameters: Record<string, unknown> }).parameters;
  t.same([parameters.work_mem, parameters.max_connections].map(String), ['8MB', '120'], 'through Patroni\'s dynamic configuration');

  const done = await settle(unpaused.next);
  const ran = done.rounds.flatMap((r) => r.ran);
  t.match(ran, [
    { name: new RegExp(`^${names.operationsPrefix(NAME, 'switchover')}`), outcome: 'done' },
    { name: new RegExp(`^${names.operationsPrefix(NAME, 'restart')}`), outcome: 'done' },
  ], 'the scale-down\'s switchover Job, then the restart request');
  // Either member may have won the leader race after the wake-up: pod 1 hands over to pod 0, pod 0 stays.
  t.match(JSON.parse(ran[0]!.lines[0]!), leader === memberName(0)
    ? { action: 'switchover', from: leader, status: 'done', unchanged: true }
    : { action: 'switchover', from: leader, to: memberName(0) }, 'a switchover only when the leader is the pod removed');
  t.same(done.rounds.flatMap((r) => r.scaled), [`stop ${memberName(1)}`], 'then the scale-down to one instance');
  t.equal(statefulSetOf(done.last.response).spec?.replicas, 1);
  t.match(condition(done.last.response, 'Restart'), { status: 'True', reason: 'Succeeded' });
  t.equal(await cluster.waitHealthy({ timeoutMs: WAIT_MS }), memberName(0), 'the pod kept leads');
});
