// The upgrade planner, rule by rule, on constructed inputs; then through the sync hook: the Job it
// starts, its name, the status it records, and that its own answer fed back converges.
import t from 'tap';
import { childMap, loadManifest, syncRequest } from '../../fixtures/requests.js';
import type { OperatorConfig } from '../../schemas/config.js';
import type { KubeObject, SyncRequest, SyncResponse } from '../../schemas/hook.js';
import type { MajorVersionStatus, PostgresSpec } from '../../schemas/postgresql.js';
import { childrenOf, clusterWith, fedBack, inputs, JOB_FAILED, JOB_SUCCEEDED, NOW, withJobStatus, withReadyInstances } from '../../test/support.js';
import type { Cluster } from '../cluster.js';
import { defaultConfig } from '../config.js';
import type { JobOutcome } from '../jobs.js';
import { Observed } from '../observed.js';
import { sync } from '../sync.js';
import type { OperationsJob } from './observed-jobs.js';
import { planUpgrade, type UpgradeInput } from './upgrade.js';

const HASH = 'abcdef0123';
/** The pods as the StatefulSet's status counts them; by default both exist, are ready and run `HASH`. */
interface Pods { existing?: number; ready?: number; updated?: number; hash?: string }

function statefulSet(pods: Pods = {}): KubeObject {
  const { existing = 2, ready = existing, updated = existing, hash = HASH } = pods;
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'acid-test', namespace: 'default', generation: 1 },
    spec: { replicas: 2, template: { metadata: { annotations: { 'postgres-metacontroller.io/pod-template-hash': hash } } } },
    status: { observedGeneration: 1, replicas: existing, readyReplicas: ready, updatedReplicas: updated },
  } as KubeObject;
}

interface Case {
  spec?: Partial<PostgresSpec>;
  config?: Partial<OperatorConfig>;
  annotations?: Record<string, string>;
  majorVersion?: MajorVersionStatus;
  created?: boolean;
  pods?: Pods;
  jobs?: OperationsJob[];
  now?: Date;
}

function input(c: Case = {}): UpgradeInput {
  const base = clusterWith({ postgresql: { version: '17' }, ...c.spec });
  const cluster: Cluster = { ...base, annotations: c.annotations ?? {}, status: { conditions: [], ...(c.majorVersion ? { majorVersion: c.majorVersion } : {}) } };
  return {
    cluster, config: { ...defaultConfig(), ...c.config }, now: c.now ?? NOW, templateHash: HASH, jobs: c.jobs ?? [],
    observed: new Observed(c.created ? {} : childMap([statefulSet(c.pods)], 'default')),
  };
}

const from16 = { majorVersion: { current: '16' } };

function upgradeJob(outcome: JobOutcome, targetMajor = '17', retry?: string): OperationsJob {
  return {
    action: 'upgrade', name: `acid-test-upgrade-${targetMajor}${retry ?? ''}aaaaaaaa`.slice(0, 29), outcome, createdAt: '2026-11-20T11:00:00Z',
    state: { cluster: 'acid-test', namespace: 'default', action: 'upgrade', podSelector: {}, patroniPort: 8008, maximumLagOnFailover: 0, upgrade: { targetMajor, container: 'postgres', ...(retry ? { retry } : {}) } },
  };
}

t.test('nothing to do when the cluster runs the version the manifest asks for; a downgrade is refused', async (t) => {
  const same = planUpgrade(input({ majorVersion: { current: '17' } }));
  t.notOk(same.due);
  t.match(same.condition, { type: 'MajorVersionUpgrade', ok: true, reason: 'Succeeded', message: 'PostgreSQL 17 runs, as the manifest asks' });
  const lower = planUpgrade(input({ majorVersion: { current: '18' } }));
  t.notOk(lower.due);
  t.match(lower.condition, { ok: false, reason: 'Downgrade', message: /asks for PostgreSQL 17, the cluster runs 18: a major version cannot be downgraded in place/ });
  t.same(lower.majorVersion, { current: '18' });
});

t.test('at creation the running version is the desired one (initdb, clone and standby start with it)', async (t) => {
  const plan = planUpgrade(input({ created: true }));
  t.same(plan.majorVersion, { current: '17' });
  t.match(plan.condition, { reason: 'Succeeded' });
  t.same(planUpgrade(input({ created: true, config: { major_version_upgrade_mode: 'full', minimal_major_version: '16' }, spec: { postgresql: { version: '14' } } })).majorVersion, { current: '18' }, 'full mode: the target version');
});

t.test('due when the manifest asks for a higher major: the Job\'s section', async (t) => {
  const plan = planUpgrade(input(from16));
  t.same(plan.due, { upgrade: { targetMajor: '17', container: 'postgres' }, note: 'upgrade from PostgreSQL 16 to 17' });
  t.same(plan.majorVersion, { current: '16' });
  t.equal(plan.resyncAfterSeconds, undefined);
});

t.test('modes: off upgrades only teams of the allow list; full lifts versions below the minimum to the target', async (t) => {
  const off = planUpgrade(input({ ...from16, config: { major_version_upgrade_mode: 'off' } }));
  t.notOk(off.due);
  t.match(off.condition, { reason: 'Waiting', message: /major_version_upgrade_mode is off and team acid is not in major_version_upgrade_team_allow_list/ });
  t.ok(planUpgrade(input({ ...from16, config: { major_version_upgrade_mode: 'off', major_version_upgrade_team_allow_list: ['db', 'acid'] } })).due);
  t.ok(planUpgrade(input({ ...from16, config: { major_version_upgrade_mode: 'manual', major_version_upgrade_team_allow_list: [] } })).due, 'manual: every team');
  const full = planUpgrade(input({ majorVersion: { current: '14' }, spec: { postgresql: { version: '14' } }, config: { major_version_upgrade_mode: 'full', minimal_major_version: '16', target_major_version: '18' } }));
  t.equal(full.due?.upgrade.targetMajor, '18');
  const manual = planUpgrade(input({ majorVersion: { current: '14' }, spec: { postgresql: { version: '14' } }, config: { major_version_upgrade_mode: 'manual', minimal_major_version: '16' } }));
  t.match(manual.condition, { reason: 'Succeeded' }, 'manual: the minimum does not apply');
});

t.test('a standby cluster is not upgraded in place', async (t) => {
  const plan = planUpgrade(input({ ...from16, spec: { postgresql: { version: '17' }, standby: { s3_wal_path: 's3://bucket/wal' } } }));
  t.notOk(plan.due);
  t.match(plan.condition, { reason: 'Waiting', message: /standby cluster is not upgraded in place: create it again from a source that runs 17/ });
});

t.test('every database pod exists, runs the current template and is ready, as the StatefulSet counts them; the rollout goes first', async (t) => {
  t.match(planUpgrade(input({ ...from16, pods: { hash: 'old' } })).due?.blocked, 'waiting for the StatefulSet to carry the current pod template');
  t.match(planUpgrade(input({ ...from16, pods: { existing: 1 } })).due?.blocked, 'waiting for 1 of 2 pods to exist');
  t.match(planUpgrade(input({ ...from16, pods: { updated: 1 } })).due?.blocked, /1 of 2 pods to run the current pod template \(the new PGVERSION reaches the pods before the upgrade\)/);
  t.match(planUpgrade(input({ ...from16, pods: { ready: 1 } })).due?.blocked, 'waiting for 1 of 2 pods to be ready');
  t.match(planUpgrade(input({ ...from16, spec: { postgresql: { version: '17' }, numberOfInstances: 0 }, pods: { existing: 0 } })).due?.blocked, 'no database pod is to run');
  t.notOk(planUpgrade(input(from16)).due?.blocked);
});

t.test('maintenance windows: outside one nothing starts, the condition names the next start and the resync reaches it', async (t) => {
  // NOW is Friday 2026-11-20 12:00 UTC.
  const outside = planUpgrade(input({ ...from16, spec: { postgresql: { version: '17' }, maintenanceWindows: ['Sat:22:00-23:59'] } }));
  t.equal(outside.due?.blocked, 'outside the maintenance windows (Sat:22:00-23:59, UTC); the next opens at 2026-11-21T22:00:00.000Z');
  t.equal(outside.resyncAfterSeconds, 34 * 3600);
  t.notOk(planUpgrade(input({ ...from16, spec: { postgresql: { version: '17' }, maintenanceWindows: ['11:00-12:00'] } })).due?.blocked, 'in a daily window, end minute included');
  t.equal(planUpgrade(input({ ...from16, spec: { postgresql: { version: '17' }, maintenanceWindows: ['11:00-12:30'] } })).resyncAfterSeconds, 31 * 60, 'inside a window the answer holds until it closes');
  const configured = { maintenance_windows: ['Fri:12:01-13:00'] };
  t.equal(planUpgrade(input({ ...from16, config: configured })).resyncAfterSeconds, 60, 'the configured windows when the manifest has none');
  t.notOk(planUpgrade(input({ ...from16, config: { ...configured, enable_maintenance_windows: false } })).due?.blocked, 'windows disabled');
  t.notOk(planUpgrade(input({ ...from16, spec: { postgresql: { version: '17' }, maintenanceWindows: ['Fri:11:00-12:00'] }, config: configured })).due?.blocked, 'the manifest\'s replace the configured ones');
  const both = planUpgrade(input({ ...from16, pods: { existing: 1 }, spec: { postgresql: { version: '17' }, maintenanceWindows: ['Sat:22:00-23:59'] } }));
  t.match(both.due?.blocked, /^waiting for 1 of 2 pods to exist; outside the maintenance windows/);
});

t.test('a succeeded Job records its target as the running version', async (t) => {
  const plan = planUpgrade(input({ ...from16, jobs: [upgradeJob({ state: 'Succeeded' })] }));
  t.same(plan.majorVersion, { current: '17', lastUpgrade: { targetMajor: '17', outcome: 'Succeeded' } });
  t.match(plan.condition, { ok: true, reason: 'Succeeded', message: /PostgreSQL 17 runs, as the manifest asks \(Job acid-test-upgrade-17/ });
  t.same(planUpgrade(input({ ...from16, jobs: [upgradeJob({ state: 'Running' })] })).majorVersion, { current: '16' }, 'a running Job changes nothing yet');
});

t.test('a failed upgrade is not tried again until a new retry request id, or the version goes back', async (t) => {
  const failed = upgradeJob({ state: 'Failed', message: 'BackoffLimitExceeded: Job has reached the specified backoff limit', summary: 'inplace_upgrade.py exited with 1: Upgrade can not be triggered because Patroni is in maintenance mode' });
  const plan = planUpgrade(input({ ...from16, jobs: [failed] }));
  t.notOk(plan.due);
  t.same(plan.majorVersion, { current: '16', lastUpgrade: { targetMajor: '17', outcome: 'Failed' } });
  t.match(plan.condition, { ok: false, reason: 'Failed', message: /the upgrade to PostgreSQL 17 failed \(Job acid-test-upgrade-17\w* failed: inplace_upgrade.py exited with 1: .*maintenance mode\); it is not tried again until the annotation postgres-metacontroller.io\/major-upgrade-retry carries a new request id \(or the version is set back to 16\)/ });

  // The Job may be gone; the status still holds the failure.
  const recorded = { majorVersion: { current: '16', lastUpgrade: { targetMajor: '17', outcome: 'Failed' as const } } };
  t.match(planUpgrade(input(recorded)).condition, { reason: 'Failed' });
  const retried = planUpgrade(input({ ...recorded, annotations: { 'postgres-metacontroller.io/major-upgrade-retry': 'r1' } }));
  t.same(retried.due?.upgrade, { targetMajor: '17', retry: 'r1', container: 'postgres' });
  const failedAgain = { majorVersion: { current: '16', lastUpgrade: { targetMajor: '17', retry: 'r1', outcome: 'Failed' as const } } };
  t.match(planUpgrade(input({ ...failedAgain, annotations: { 'postgres-metacontroller.io/major-upgrade-retry': 'r1' } })).condition, { reason: 'Failed' }, 'the same request id does not run it again');
  t.ok(planUpgrade(input({ ...recorded, spec: { postgresql: { version: '18' } } })).due, 'another target is another upgrade');
  const back = planUpgrade(input({ ...recorded, spec: { postgresql: { version: '16' } } }));
  t.same(back.majorVersion, { current: '16' }, 'set back to the running version, the failure is forgotten');
});

t.test('Zalando\'s failure annotation blocks, saying how to clear it', async (t) => {
  const plan = planUpgrade(input({ ...from16, annotations: { 'last-major-upgrade-failure': '2026-01-02T03:04:05Z' } }));
  t.notOk(plan.due);
  t.match(plan.condition, { reason: 'Failed', message: /annotation last-major-upgrade-failure: 2026-01-02T03:04:05Z .* remove the annotation to allow a new attempt/ });
  t.match(planUpgrade(input({ majorVersion: { current: '17' }, annotations: { 'last-major-upgrade-failure': 'x' } })).condition, { reason: 'Succeeded' }, 'nothing to do: it does not matter');
});

t.test('an unknown running version: the Job finds it out', async (t) => {
  const plan = planUpgrade(input({}));
  t.same(plan.majorVersion, {});
  t.match(plan.due, { upgrade: { targetMajor: '17' }, note: /the cluster runs an unknown major version: the Job reads the running version from Patroni and changes nothing when it is 17 already/ });
  t.same(planUpgrade(input({ jobs: [upgradeJob({ state: 'Succeeded' })] })).majorVersion, { current: '17', lastUpgrade: { targetMajor: '17', outcome: 'Succeeded' } });
});

t.test('without PGVERSION in the pods Spilo\'s script would not know the target', async (t) => {
  t.match(planUpgrade(input({ ...from16, config: { enable_pgversion_env_var: false } })).condition, { reason: 'Waiting', message: /enable_pgversion_env_var is off/ });
});

// Through the sync hook.
type Job = KubeObject & { spec: any };

/** The next request: every pod ready and on the answer's template; the Jobs `select` picks ended with `status`. */
function advance(request: SyncRequest, response: SyncResponse, select: (name: string) => boolean = () => true, status: object = JOB_SUCCEEDED): SyncRequest {
  return withJobStatus(withReadyInstances(request, response, 2), select, status);
}
const notUpgrade = (name: string) => !name.includes('-upgrade-');

/** A running cluster whose status says it runs 16, every earlier Job done, asked for `version`. */
function runningAt16(version: string, annotations: Record<string, string> = {}, config: Partial<OperatorConfig> = {}): SyncRequest {
  const manifest = loadManifest('minimal') as any;
  const start = syncRequest({ ...manifest, metadata: { ...manifest.metadata, annotations }, spec: { ...manifest.spec, postgresql: { ...manifest.spec.postgresql, version: '16' } } });
  let request = start;
  let response = sync(request, inputs(config));
  for (let i = 0; i < 4; i++) {
    request = advance(request, response);
    response = sync(request, inputs(config));
  }
  const spec = request.parent.spec as any;
  const changed = { ...request, parent: { ...request.parent, spec: { ...spec, postgresql: { ...spec.postgresql, version } } } };
  // The rollout of the new PGVERSION has happened: the StatefulSet counts every pod on the new template.
  return advance(changed, sync(changed, inputs(config)));
}

function upgradeJobs(response: SyncResponse): Job[] {
  return (childrenOf(response, 'Job') as Job[]).filter((j) => /-upgrade-[0-9a-f]{10}$/.test(j.metadata.name));
}

t.test('sync: the upgrade Job after the rollout, backoff 0, named by its intent; the answer converges', async (t) => {
  const request = runningAt16('17');
  t.same((request.parent.status as any).majorVersion, { current: '16' });
  const response = sync(request, inputs());
  const [job] = upgradeJobs(response);
  t.ok(job, 'an upgrade Job');
  t.equal(job!.spec.backoffLimit, 0);
  const state = JSON.parse((childrenOf(response, 'ConfigMap').find((c) => c.metadata.name === job!.metadata.name) as any).data['state.json']);
  t.match(state, { action: 'upgrade', upgrade: { targetMajor: '17', container: 'postgres' } });
  t.match(response.status.conditions?.find((c) => c.type === 'MajorVersionUpgrade'), { reason: 'Pending', message: /upgrade from PostgreSQL 16 to 17/ });

  const again = sync(advance(request, response, notUpgrade), inputs());
  t.same(upgradeJobs(again).map((j) => j.metadata.name), [job!.metadata.name], 'fed back: the same Job, not a second one');
  t.match(again.status.conditions?.find((c) => c.type === 'MajorVersionUpgrade'), { reason: 'Running' });

  const later = sync(request, { ...inputs(), now: new Date(NOW.getTime() + 10 * 60_000) });
  t.equal(upgradeJobs(later)[0]?.metadata.name, job!.metadata.name, 'the time is not part of the intent (within the repair bucket, where the config Job does not go first)');
  const retry = sync(runningAt16('17', { 'postgres-metacontroller.io/major-upgrade-retry': 'r1' }), inputs());
  t.not(upgradeJobs(retry)[0]?.metadata.name, job!.metadata.name, 'a retry request id is');
  t.not(upgradeJobs(sync(runningAt16('18'), inputs()))[0]?.metadata.name, job!.metadata.name, 'the target is');

  const succeeded = advance(request, again);
  const done = sync(succeeded, inputs());
  t.same(done.status.majorVersion, { current: '17', lastUpgrade: { targetMajor: '17', outcome: 'Succeeded' } });
  t.match(done.status.conditions?.find((c) => c.type === 'MajorVersionUpgrade'), { status: 'True', reason: 'Succeeded' });
  t.same(upgradeJobs(done).map((j) => j.metadata.name), [job!.metadata.name], 'the finished Job stays');
  const settled = sync(advance(succeeded, done), inputs());
  t.same(settled.status, done.status, 'fed back: the same status');
});

t.test('sync: a failed Job is recorded, and a status kept by an Invalid answer still holds it', async (t) => {
  const request = runningAt16('17');
  const response = sync(request, inputs());
  const name = upgradeJobs(response)[0]!.metadata.name;
  const failed = advance(request, response, (n) => n === name, JOB_FAILED);
  const answer = sync(failed, inputs());
  t.same(answer.status.majorVersion, { current: '16', lastUpgrade: { targetMajor: '17', outcome: 'Failed' } });
  t.match(answer.status.conditions?.find((c) => c.type === 'MajorVersionUpgrade'), { reason: 'Failed', message: /BackoffLimitExceeded/ });
  t.same(upgradeJobs(answer).map((j) => j.metadata.name), [name], 'kept, not run again');
  const invalid = fedBack(failed, answer);
  const broken = sync({ ...invalid, parent: { ...invalid.parent, spec: { ...(invalid.parent.spec as object), maintenanceWindows: ['23:00-01:00'] } } }, inputs());
  t.equal(broken.status.PostgresClusterStatus, 'Invalid');
  t.same(broken.status.majorVersion, answer.status.majorVersion);
});

t.test('sync: outside the maintenance windows the Job waits and the hook asks to be called when one opens', async (t) => {
  const request = runningAt16('17', {}, { maintenance_windows: ['Sat:22:00-23:59'] });
  const response = sync(request, inputs({ maintenance_windows: ['Sat:22:00-23:59'] }));
  t.same(upgradeJobs(response), []);
  t.match(response.status.conditions?.find((c) => c.type === 'MajorVersionUpgrade'), { reason: 'Waiting', message: /next opens at 2026-11-21T22:00:00.000Z/ });
  t.equal(response.resyncAfterSeconds, 1800, 'the repair bucket comes sooner here');
  const justBefore = sync(request, { ...inputs({ maintenance_windows: ['Fri:12:10-13:00'] }) });
  t.equal(justBefore.resyncAfterSeconds, 600);
});
