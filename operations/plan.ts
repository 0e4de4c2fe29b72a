// What the operations command decides, from what Patroni and the member source report: whether the
// cluster is in the state an action assumes, in which order members restart, which replica takes
// over, and the steps of a rollout. Pure: it reads nothing and calls nothing.
import type { Member } from './members.js';
import type { ClusterMember, ClusterStatus } from './patroni.js';

/** What the command observed of the cluster at one moment. */
export interface Observation {
  /** `GET /cluster` from any member. */
  view: ClusterStatus;
  /** Members whose walreceiver streams from the leader (the leader's `GET /patroni` replication list). */
  streaming: ReadonlySet<string>;
}

export interface Refusal {
  member?: string;
  reason: string;
}

export interface HealthOptions {
  /** Bytes a replica may lag behind the leader (Patroni's maximum_lag_on_failover). */
  maximumLag: number;
  /** Members about to be replaced: their health does not matter. */
  replacing?: ReadonlySet<string>;
}

const LEADER_ROLES = new Set(['leader', 'standby_leader', 'master', 'primary']);

export function leadersOf(view: ClusterStatus): ClusterMember[] {
  return view.members.filter((m) => LEADER_ROLES.has(m.role));
}

/** Why a replica cannot be counted on, or undefined when it streams close enough behind the leader. */
function replicaProblem(entry: ClusterMember | undefined, observation: Observation, maximumLag: number): string | undefined {
  if (!entry) return 'not in the Patroni cluster (Patroni is not running there)';
  if (!['running', 'streaming'].includes(entry.state)) return `its PostgreSQL is ${entry.state}`;
  if (!observation.streaming.has(entry.name)) return 'not streaming from the leader';
  if (typeof entry.lag !== 'number') return `lag unknown (${String(entry.lag ?? 'not reported')})`;
  if (entry.lag > maximumLag) return `lags ${entry.lag} bytes, more than maximum_lag_on_failover ${maximumLag}`;
  return undefined;
}

/**
 * The precondition of every action: exactly one leader, running, and every member not being replaced
 * running and streaming within the lag limit. Answers the leader's name or the first problem found.
 */
export function checkHealth(members: readonly Member[], observation: Observation, options: HealthOptions): { leader: string } | { refused: Refusal } {
  const leaders = leadersOf(observation.view);
  if (leaders.length !== 1) {
    return { refused: { reason: leaders.length === 0 ? 'the cluster has no leader' : `the cluster has ${leaders.length} leaders (${leaders.map((l) => l.name).join(', ')})` } };
  }
  const leader = leaders[0]!;
  const replacing = options.replacing ?? new Set<string>();
  if (!members.some((m) => m.name === leader.name)) return { refused: { member: leader.name, reason: 'the leader is not one of the members named' } };
  // Even a leader about to be replaced must run: it hands over, or it is the only copy of the data.
  if (leader.state !== 'running') return { refused: { member: leader.name, reason: `the leader's PostgreSQL is ${leader.state}` } };
  for (const member of members) {
    if (member.name === leader.name || replacing.has(member.name)) continue;
    const problem = replicaProblem(observation.view.members.find((m) => m.name === member.name), observation, options.maximumLag);
    if (problem) return { refused: { member: member.name, reason: problem } };
  }
  return { leader: leader.name };
}

/** Replicas (by name) then the leader; the leader first when the planner says so. */
export function restartOrder(leader: string, members: readonly string[], primaryFirst: boolean): string[] {
  const replicas = members.filter((m) => m !== leader).sort();
  if (!members.includes(leader)) return replicas;
  return primaryFirst ? [leader, ...replicas] : [...replicas, leader];
}

export interface CandidateOptions {
  leader: string;
  maximumLag: number;
  /** The member asked for; otherwise the healthiest replica. */
  named?: string;
  /** Why a member may not take over (a rollout: it runs an outdated template); undefined when it may. */
  ineligible?: (name: string) => string | undefined;
}

/** The replica a switchover goes to: streaming, within the lag limit, eligible, failover allowed; lowest lag first. */
export function chooseCandidate(members: readonly Member[], observation: Observation, options: CandidateOptions): { candidate: string } | { refused: Refusal } {
  const problem = (member: Member): string | undefined => {
    if (member.name === options.leader) return 'it is the leader already';
    const entry = observation.view.members.find((m) => m.name === member.name);
    if (entry?.tags?.nofailover === true) return 'tagged nofailover';
    return options.ineligible?.(member.name) ?? replicaProblem(entry, observation, options.maximumLag);
  };
  if (options.named !== undefined) {
    const member = members.find((m) => m.name === options.named);
    const reason = member ? problem(member) : 'not one of the cluster\'s members';
    return reason ? { refused: { member: options.named, reason: `cannot take over: ${reason}` } } : { candidate: options.named };
  }
  const lag = (name: string) => Number(observation.view.members.find((m) => m.name === name)?.lag);
  const qualified = members.filter((m) => problem(m) === undefined).map((m) => m.name)
    .sort((a, b) => lag(a) - lag(b) || a.localeCompare(b));
  return qualified.length > 0 ? { candidate: qualified[0]! } : { refused: { reason: 'no replica qualifies to take over (streaming, within maximum_lag_on_failover, eligible)' } };
}

export type RolloutStep =
  | { action: 'recreate'; member: string; downtime?: true }
  | { action: 'switchover'; from: string };

/**
 * Outdated replicas one at a time, then, when the leader is outdated, one switchover to an updated
 * replica and the old leader last. A lone member is recreated in place: the cluster is down meanwhile.
 */
export function planRollout(members: readonly Member[], leader: string): RolloutStep[] {
  const outdated = members.filter((m) => !m.upToDate).map((m) => m.name);
  const steps: RolloutStep[] = outdated.filter((name) => name !== leader).sort().map((member) => ({ action: 'recreate', member }));
  if (!outdated.includes(leader)) return steps;
  if (members.length === 1) return [{ action: 'recreate', member: leader, downtime: true }];
  return [...steps, { action: 'switchover', from: leader }, { action: 'recreate', member: leader }];
}
