// Planning of the in-place major version upgrade (Zalando: pkg/cluster/majorversionupgrade.go
// majorVersionUpgrade): whether one is due, what keeps it waiting, and the running major version.
//
// The running major version cannot be observed without calling out: Patroni's member data on the pod's
// `status` annotation (ha.py touch_member, Patroni 3.0 and 4.0) names Patroni's own version, not the
// server's, and the pods' PGVERSION is what they should run, not what their data is. So the status records
// it (`status.majorVersion.current`): at creation (no StatefulSet yet) it is the desired version, which
// initdb, a clone or a standby start with; a succeeded upgrade Job sets it to its target. When it is unknown
// (a cluster taken over, a lost status) an upgrade Job is planned all the same: it reads `server_version`
// from Patroni and succeeds without acting when the cluster runs the target already.
//
// A failed upgrade is not tried again for the same target until the retry annotation carries a new request
// id; setting the version back to the running one forgets the failure (as Zalando removes its
// `last-major-upgrade-failure` annotation then). That annotation, left by Zalando's operator, blocks too.
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { OperatorConfig } from '../../schemas/config.js';
import type { OperationsState } from '../../schemas/operations-state.js';
import type { MajorVersionStatus } from '../../schemas/postgresql.js';
import type { Cluster } from '../cluster.js';
import { instanceCount } from '../instances.js';
import { describeJob } from '../jobs.js';
import { applicableWindows, formatWindow, inWindow, nextWindowStart, secondsUntil, windowEnd } from '../maintenance-windows.js';
import { annotationKeys, ChildKind, names } from '../names.js';
import type { Observed } from '../observed.js';
import { desiredVersion } from '../pod/spilo-env.js';
import { POSTGRES_CONTAINER } from '../pod/volumes.js';
import { isStandby } from '../standby.js';
import type { ConditionInput } from '../status.js';
import { newestOf, type OperationsJob } from './observed-jobs.js';
import { podCounts, templateApplied } from './statefulset-pods.js';

export const UPGRADE_CONDITION = 'MajorVersionUpgrade';

type UpgradeSection = NonNullable<OperationsState['upgrade']>;

export interface UpgradeInput {
  cluster: Cluster;
  config: OperatorConfig;
  observed: Observed;
  now: Date;
  templateHash: string;
  jobs: OperationsJob[];
}

export interface UpgradePlan {
  /** An upgrade Job is due: its section, and why it cannot start yet. */
  due?: { upgrade: UpgradeSection; blocked?: string; note?: string };
  /** The condition when no Job is due. */
  condition?: ConditionInput;
  majorVersion: MajorVersionStatus;
  /** When the next maintenance window opens, while a due upgrade waits for it. */
  resyncAfterSeconds?: number;
}

const waiting = (message: string): ConditionInput => ({ type: UPGRADE_CONDITION, ok: false, reason: 'Waiting', message });

/**
 * Every database pod exists, is ready and runs the desired template (which carries the new PGVERSION), as the
 * StatefulSet's status counts them (./statefulset-pods.ts).
 */
function podsProblem(input: UpgradeInput): string | undefined {
  const { cluster, config, observed, templateHash } = input;
  const count = instanceCount(cluster, config);
  if (count < 1) return 'no database pod is to run';
  const statefulSet = observed.child<IStatefulSet>(ChildKind.StatefulSet, names.statefulSet(cluster.name));
  if (!statefulSet || !templateApplied(statefulSet, templateHash)) return 'waiting for the StatefulSet to carry the current pod template';
  const { existing, ready, current } = podCounts(statefulSet, templateHash);
  if (existing < count) return `waiting for ${count - existing} of ${count} pods to exist`;
  if (current < count) return `waiting for ${count - current} of ${count} pods to run the current pod template (the new PGVERSION reaches the pods before the upgrade)`;
  if (ready < count) return `waiting for ${count - ready} of ${count} pods to be ready`;
  return undefined;
}

/** The newest upgrade Job that ended, with its target; it is newer than anything the status recorded. */
function finishedJob(jobs: OperationsJob[]): { job: OperationsJob; section: UpgradeSection } | undefined {
  const job = newestOf(jobs, 'upgrade');
  const section = job?.state?.upgrade;
  return job && section && job.outcome.state !== 'Running' ? { job, section } : undefined;
}

/** What the status records: the newest finished Job's result over the previous record; at creation, the desired version. */
function majorVersionRecord(input: UpgradeInput, desired: string): MajorVersionStatus {
  const previous = input.cluster.status?.majorVersion ?? {};
  const created = !input.observed.child(ChildKind.StatefulSet, names.statefulSet(input.cluster.name));
  let current = previous.current ?? (created ? desired : undefined);
  let lastUpgrade = previous.lastUpgrade;
  const finished = finishedJob(input.jobs);
  if (finished) {
    const { job, section } = finished;
    const outcome = job.outcome.state === 'Succeeded' ? 'Succeeded' : 'Failed';
    if (outcome === 'Succeeded') current = section.targetMajor;
    lastUpgrade = { targetMajor: section.targetMajor, ...(section.retry !== undefined ? { retry: section.retry } : {}), outcome };
  }
  // Back at (or below) the running version, a failure is forgotten: asking for the target again tries again.
  if (lastUpgrade?.outcome === 'Failed' && current !== undefined && Number(desired) <= Number(current)) lastUpgrade = undefined;
  return { ...(current !== undefined ? { current } : {}), ...(lastUpgrade ? { lastUpgrade } : {}) };
}

/**
 * Outside the windows: why the upgrade waits, and when the next opens. Inside: when the window closes, for the
 * answer (start the Job) holds only until then.
 */
function maintenanceWindow(input: UpgradeInput): { blocked?: string; seconds: number } | undefined {
  const { cluster, config, now } = input;
  const windows = applicableWindows(cluster.spec.maintenanceWindows, config);
  if (windows === 'always') return undefined;
  if (inWindow(now, windows)) {
    const end = windowEnd(now, windows);
    return end ? { seconds: secondsUntil(end, now) } : undefined;
  }
  const next = nextWindowStart(now, windows);
  if (!next) return undefined;
  const listed = windows.map(formatWindow).join(', ');
  return { blocked: `outside the maintenance windows (${listed}, UTC); the next opens at ${next.toISOString()}`, seconds: secondsUntil(next, now) };
}

export function planUpgrade(input: UpgradeInput): UpgradePlan {
  const { cluster, config, jobs } = input;
  const desired = desiredVersion(cluster.spec, config);
  const majorVersion = majorVersionRecord(input, desired);
  const { current, lastUpgrade } = majorVersion;
  const done = (condition: ConditionInput): UpgradePlan => ({ condition, majorVersion });

  if (current !== undefined && Number(desired) <= Number(current)) {
    const finished = finishedJob(jobs);
    const by = finished?.job.outcome.state === 'Succeeded' && finished.section.targetMajor === current ? ` (${describeJob(finished.job.name, finished.job.outcome)})` : '';
    if (Number(desired) < Number(current)) {
      return done({ type: UPGRADE_CONDITION, ok: false, reason: 'Downgrade', message: `the manifest asks for PostgreSQL ${desired}, the cluster runs ${current}: a major version cannot be downgraded in place; nothing is done` });
    }
    return done({ type: UPGRADE_CONDITION, ok: true, reason: 'Succeeded', message: `PostgreSQL ${current} runs, as the manifest asks${by}` });
  }

  const from = current === undefined ? 'an unknown major version' : `PostgreSQL ${current}`;
  const wanted = `the manifest asks for PostgreSQL ${desired}, the cluster runs ${from}`;
  if (config.major_version_upgrade_mode === 'off' && !config.major_version_upgrade_team_allow_list.includes(cluster.spec.teamId)) {
    return done(waiting(`${wanted}; major_version_upgrade_mode is off and team ${cluster.spec.teamId} is not in major_version_upgrade_team_allow_list: the operator does not upgrade it`));
  }
  if (isStandby(cluster.spec)) {
    return done(waiting(`${wanted}; a standby cluster is not upgraded in place: create it again from a source that runs ${desired}`));
  }
  const zalandoFailure = cluster.annotations[annotationKeys.zalandoUpgradeFailure];
  if (zalandoFailure !== undefined) {
    return done({
      type: UPGRADE_CONDITION, ok: false, reason: 'Failed',
      message: `${wanted}; the annotation ${annotationKeys.zalandoUpgradeFailure}: ${zalandoFailure} (an upgrade Zalando's operator tried and failed) blocks it: remove the annotation to allow a new attempt`,
    });
  }
  const retry = cluster.annotations[annotationKeys.majorUpgradeRetry] || undefined;
  if (lastUpgrade?.outcome === 'Failed' && lastUpgrade.targetMajor === desired && lastUpgrade.retry === retry) {
    const finished = finishedJob(jobs);
    const detail = finished && finished.section.targetMajor === desired ? ` (${describeJob(finished.job.name, finished.job.outcome)})` : '';
    return done({
      type: UPGRADE_CONDITION, ok: false, reason: 'Failed',
      message: `the upgrade to PostgreSQL ${desired} failed${detail}; it is not tried again until the annotation ${annotationKeys.majorUpgradeRetry} carries a new request id (or the version is set back to ${current ?? 'the running one'})`,
    });
  }
  if (!config.enable_pgversion_env_var) {
    return done(waiting(`${wanted}; enable_pgversion_env_var is off: the pods do not tell Spilo's upgrade script which version to upgrade to`));
  }

  const upgrade: UpgradeSection = { targetMajor: desired, ...(retry !== undefined ? { retry } : {}), container: POSTGRES_CONTAINER };
  const window = maintenanceWindow(input);
  const blocked = [podsProblem(input), window?.blocked].filter((b): b is string => b !== undefined).join('; ');
  const note = current === undefined
    ? `${wanted}: the Job reads the running version from Patroni and changes nothing when it is ${desired} already`
    : `upgrade from PostgreSQL ${current} to ${desired}`;
  return {
    due: { upgrade, note, ...(blocked ? { blocked } : {}) },
    majorVersion,
    ...(window ? { resyncAfterSeconds: window.seconds } : {}),
  };
}
