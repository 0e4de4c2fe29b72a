// The Job side of the in-place major version upgrade, as Zalando's operator runs it
// (pkg/cluster/majorversionupgrade.go majorVersionUpgrade): check through Patroni that every member runs,
// one leads, the replicas stream within 16 MiB and all run the same major below the target; label every
// database pod `critical-operation: "true"` (the critical-operation budget then forbids evictions) and
// remove the label afterwards whatever happened; run Spilo's /scripts/inplace_upgrade.py with the member
// count in the primary's postgres container, as postgres; report the script's last lines. Spilo's script
// checks the same again, pauses Patroni, runs pg_upgrade, rsyncs the replicas and resumes; it exits 0 when
// done or not needed, 1 when it failed (postgres-appliance/major_upgrade/inplace_upgrade.py main).
import type { OperationsState } from '../schemas/operations-state.js';
import { KubernetesError, type KubernetesApi } from './kubernetes.js';
import type { Member } from './members.js';
import { checkHealth, leadersOf, type Observation, type Refusal } from './plan.js';
import type { OperationsReport } from './report.js';

/** Zalando's and Spilo's limit on a replica's lag before an upgrade (majorversionupgrade.go, ensure_replicas_state). */
export const UPGRADE_LAG_BYTES = 16 * 1024 * 1024;
/** The status condition carries the summary: the script's last lines fit in it with the text around them. */
const TAIL_CHARS = 1200;
const CRITICAL_OPERATION = 'critical-operation';

/** PostgreSQL's server_version_num as Patroni reports it (170004) to its major (17); the manifest allows 14 and later only. */
export function majorOf(serverVersion: number): number {
  return Math.floor(serverVersion / 10000);
}

/** Zalando's command: the script's log (it writes to stderr) goes to stdout and to last_upgrade.log; its exit code survives the pipe. */
export function upgradeCommand(members: number): string {
  return `set -o pipefail && /usr/bin/python3 /scripts/inplace_upgrade.py ${members} 2>&1 | tee last_upgrade.log`;
}

/** The last lines of the output, at most TAIL_CHARS, with anything that looks like a password masked. */
export function outputTail(output: string): string {
  const masked = output.replace(/(password|passwd|secret)(["']?\s*[=:]\s*)\S+/gi, '$1$2***');
  const lines = masked.trimEnd().split('\n');
  const kept: string[] = [];
  let size = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (size + line.length + 1 > TAIL_CHARS) {
      if (kept.length === 0) kept.unshift(`…${line.slice(line.length - TAIL_CHARS + 1)}`);
      break;
    }
    kept.unshift(line);
    size += line.length + 1;
  }
  return kept.join('\n');
}

/** What the upgrade needs of the running command: the members, Patroni's views, and a wait for the result. */
export interface UpgradeSteps {
  members: readonly Member[];
  observe(): Promise<Observation>;
  /** `server_version` from the member's `GET /patroni`, undefined when it reports none. */
  serverVersion(member: string): Promise<number | undefined>;
  /** Waits until the cluster is healthy again with its leader on `major`; throws when it is not within the wait. */
  waitUpgraded(leader: string, major: number): Promise<void>;
}

type Ended = { outcome: 'done' | 'failed'; message: string };
export type UpgradeResult = Ended | { refused: Refusal };

type Checked = { leader: string; current: number } | { refused: Refusal };

async function check(steps: UpgradeSteps): Promise<Checked> {
  const observation = await steps.observe();
  if (observation.view.pause) return { refused: { reason: 'Patroni is paused (maintenance mode): Spilo\'s upgrade script does not start then' } };
  if (leadersOf(observation.view).some((m) => m.role === 'standby_leader')) return { refused: { reason: 'a standby cluster is not upgraded in place' } };
  const health = checkHealth(steps.members, observation, { maximumLag: UPGRADE_LAG_BYTES });
  if ('refused' in health) return health;
  const versions = await Promise.all(steps.members.map(async (m) => ({ name: m.name, version: await steps.serverVersion(m.name) })));
  const unknown = versions.find((v) => v.version === undefined);
  if (unknown) return { refused: { member: unknown.name, reason: 'Patroni reports no server_version' } };
  const majors = new Set(versions.map((v) => majorOf(v.version!)));
  if (majors.size > 1) return { refused: { reason: `the members run different major versions (${versions.map((v) => `${v.name}: ${majorOf(v.version!)}`).join(', ')})` } };
  return { leader: health.leader, current: [...majors][0]! };
}

async function setLabel(pods: KubernetesApi, state: OperationsState, report: OperationsReport, names: readonly string[], value: 'true' | null): Promise<string[]> {
  const problems: string[] = [];
  for (const member of names) {
    try {
      await pods.patchPodLabels(state.namespace, member, { [CRITICAL_OPERATION]: value });
      report.record({ action: 'label', member, label: CRITICAL_OPERATION, value, status: 'done' });
    } catch (error) {
      const reason = error instanceof KubernetesError ? error.message : (error as Error).message;
      report.record({ action: 'label', member, label: CRITICAL_OPERATION, value, status: 'failed', reason });
      problems.push(`${member}: ${reason}`);
    }
  }
  return problems;
}

/** Zalando's choice of user: a root container switches to postgres with su, a non-root one already is postgres. */
async function scriptRun(pods: KubernetesApi, state: OperationsState, leader: string, container: string, members: number) {
  const id = await pods.exec(state.namespace, leader, container, ['/bin/bash', '-c', '/usr/bin/id -u']);
  const command = upgradeCommand(members);
  const asPostgres = id.output.trim() === '0' ? ['/bin/su', 'postgres', '-c', command] : ['/bin/bash', '-c', command];
  return pods.exec(state.namespace, leader, container, asPostgres);
}

export async function runUpgrade(state: OperationsState, steps: UpgradeSteps, pods: KubernetesApi | undefined, report: OperationsReport, dryRun: boolean): Promise<UpgradeResult> {
  if (!state.upgrade) return { refused: { reason: 'the state has no upgrade section' } };
  if (!pods) return { refused: { reason: 'an upgrade runs Spilo\'s script in the primary\'s pod: it needs the Kubernetes API, not members named by hand' } };
  const target = Number(state.upgrade.targetMajor);
  const checked = await check(steps);
  if ('refused' in checked) return checked;
  const { leader, current } = checked;
  if (current >= target) {
    report.record({ action: 'upgrade', member: leader, from: current, to: target, status: 'done', unchanged: true });
    return { outcome: 'done', message: `the cluster runs PostgreSQL ${current} already (target ${target}): nothing was changed` };
  }
  const names = steps.members.map((m) => m.name).sort();
  report.record({ action: 'upgrade', member: leader, from: current, to: target, members: names.length, status: 'planned' });
  if (dryRun) return { outcome: 'done', message: 'dry run: nothing was changed' };

  const started = Date.now();
  let result: Ended = { outcome: 'failed', message: 'the upgrade did not end' };
  const labelProblems = await setLabel(pods, state, report, names, 'true');
  try {
    if (labelProblems.length > 0) {
      result = { outcome: 'failed', message: `could not label the pods ${CRITICAL_OPERATION}: ${labelProblems.join('; ')}; the upgrade did not start` };
    } else {
      const run = await scriptRun(pods, state, leader, state.upgrade.container, names.length);
      const tail = outputTail(run.output);
      report.record({ action: 'upgrade', member: leader, from: current, to: target, status: run.exitCode === 0 ? 'done' : 'failed', exitCode: run.exitCode, ms: Date.now() - started });
      if (run.exitCode !== 0) result = { outcome: 'failed', message: `inplace_upgrade.py exited with ${run.exitCode}:\n${tail}` };
      else {
        await steps.waitUpgraded(leader, target);
        result = { outcome: 'done', message: `upgraded from PostgreSQL ${current} to ${target}; inplace_upgrade.py:\n${tail}` };
      }
    }
  } catch (error) {
    result = { outcome: 'failed', message: `the upgrade from PostgreSQL ${current} to ${target} failed: ${(error as Error).message}` };
  } finally {
    const left = await setLabel(pods, state, report, names, null);
    if (left.length > 0) result = { ...result, message: `${result.message}\nthe ${CRITICAL_OPERATION} label is still on: ${left.join('; ')}` };
  }
  return result;
}
