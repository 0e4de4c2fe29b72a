// Carries out one operations state against a cluster: observes it through Patroni, checks that it is
// in the state the plan assumes, and acts step by step, waiting after each step until the cluster is
// healthy again. The decisions are operations/plan.ts's; this module only observes, acts and reports.
import { names } from '../hooks/names.js';
import type { DesiredDynamicConfig } from '../hooks/patroni/dynamic-config.js';
import type { OperationsState } from '../schemas/operations-state.js';
import { planConfigPatch } from './config-patch.js';
import type { KubernetesApi } from './kubernetes.js';
import type { Member, MemberSource } from './members.js';
import { patroniClient, type PatroniClient } from './patroni.js';
import { checkHealth, chooseCandidate, leadersOf, planRollout, restartOrder, type Observation, type Refusal } from './plan.js';
import type { ActionLine, OperationsReport, Outcome } from './report.js';
import { runResize } from './resize.js';
import { majorOf, runUpgrade } from './upgrade.js';

export interface OperationsContext {
  source: MemberSource;
  report: OperationsReport;
  /** Print the plan, act on nothing. */
  dryRun: boolean;
  /** Bound on each wait for the cluster to be healthy again. */
  waitMs: number;
  pollMs?: number;
  client?: (url: string) => PatroniClient;
  /** The Kubernetes API in a Job (pod labels and exec, claims, the StatefulSet); absent when members are named by hand. */
  kubernetes?: KubernetesApi;
}

/** The cluster is not in the state the plan assumes: nothing (more) is done. */
export class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.member ? `${refusal.member}: ${refusal.reason}` : refusal.reason);
  }
}

/** A step that was started did not complete. */
class StepFailed extends Error {
  constructor(readonly line: ActionLine) {
    super(String(line.reason));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Cluster {
  members: Member[] = [];
  private readonly client: (url: string) => PatroniClient;

  constructor(private readonly state: OperationsState, private readonly context: OperationsContext) {
    this.client = context.client ?? ((url) => patroniClient(url));
  }

  async refresh(): Promise<Member[]> {
    this.members = await this.context.source.list();
    if (this.members.length === 0) throw new Refused({ reason: 'no member found' });
    return this.members;
  }

  rest(name: string): PatroniClient {
    const member = this.members.find((m) => m.name === name);
    if (!member) throw new Refused({ member: name, reason: 'not one of the cluster\'s members' });
    if (!member.restUrl) throw new Refused({ member: name, reason: 'has no address yet (its pod has no IP)' });
    return this.client(member.restUrl);
  }

  async observe(): Promise<Observation> {
    let lastError: Error | undefined;
    for (const member of this.members.filter((m) => m.restUrl !== '')) {
      let view;
      try {
        view = await this.client(member.restUrl).cluster();
      } catch (error) {
        lastError = error as Error;
        continue;
      }
      const leaders = leadersOf(view);
      const replication = leaders.length === 1 && this.members.some((m) => m.name === leaders[0]!.name)
        ? (await this.rest(leaders[0]!.name).status().catch(() => undefined))?.replication ?? []
        : [];
      return { view, streaming: new Set(replication.filter((r) => r.state === 'streaming').map((r) => r.application_name)) };
    }
    throw new Refused({ reason: `no member answers GET /cluster (${lastError?.message ?? 'no member'})` });
  }

  async health(replacing?: ReadonlySet<string>): Promise<{ leader: string } | { refused: Refusal }> {
    return checkHealth(this.members, await this.observe(), { maximumLag: this.state.maximumLagOnFailover, ...(replacing ? { replacing } : {}) });
  }

  /** The precondition: refuse, naming the member and the reason, unless the cluster is healthy. */
  async leaderIfHealthy(replacing?: ReadonlySet<string>): Promise<string> {
    const health = await this.health(replacing);
    if ('refused' in health) throw new Refused(health.refused);
    return health.leader;
  }

  /** Polls until the cluster is healthy (and `settled` holds for its leader); reports the wait. */
  async waitHealthy(what: { member?: string; until: string }, options: { replacing?: ReadonlySet<string>; settled?: (leader: string) => Promise<boolean> | boolean } = {}): Promise<string> {
    const started = Date.now();
    let last = '';
    for (;;) {
      try {
        const health = await this.health(options.replacing);
        if ('leader' in health && (!options.settled || (await options.settled(health.leader)))) {
          this.context.report.record({ action: 'wait', ...what, status: 'done', ms: Date.now() - started });
          return health.leader;
        }
        last = 'refused' in health ? `${health.refused.member ? `${health.refused.member}: ` : ''}${health.refused.reason}` : `not yet ${what.until}`;
      } catch (error) {
        last = (error as Error).message;
      }
      if (Date.now() - started > this.context.waitMs) {
        throw new StepFailed({ action: 'wait', ...what, status: 'failed', ms: Date.now() - started, reason: `not healthy within ${this.context.waitMs} ms: ${last}` });
      }
      await sleep(this.context.pollMs ?? 500);
    }
  }
}

/** Runs a step, reporting it done with its duration, or failed with Patroni's reason. */
async function step(report: OperationsReport, line: ActionLine, act: () => Promise<void>): Promise<void> {
  const started = Date.now();
  try {
    await act();
    report.record({ ...line, status: 'done', ms: Date.now() - started });
  } catch (error) {
    if (error instanceof StepFailed || error instanceof Refused) throw error;
    throw new StepFailed({ ...line, status: 'failed', ms: Date.now() - started, reason: (error as Error).message });
  }
}

function plan(report: OperationsReport, lines: ActionLine[]): void {
  for (const line of lines) report.record({ ...line, status: 'planned' });
}

async function restartOne(cluster: Cluster, report: OperationsReport, member: string, role: string, pendingOnly: boolean): Promise<void> {
  await step(report, { action: 'restart', member, role }, async () => {
    await cluster.rest(member).restart(pendingOnly ? { restart_pending: true } : {});
  });
  await cluster.waitHealthy({ member, until: 'running and streaming' });
}

async function runConfig(state: OperationsState, cluster: Cluster, context: OperationsContext): Promise<void> {
  const { report } = context;
  if (!state.config) throw new Refused({ reason: 'the state has no config section' });
  const leader = await cluster.leaderIfHealthy();
  const desired = state.config.desired as unknown as DesiredDynamicConfig;
  const live = await cluster.rest(leader).config();
  const configPlan = planConfigPatch(live, desired, { formerSlots: state.config.formerSlots });
  const patchLine: ActionLine = {
    action: 'patch-config',
    keys: Object.keys(configPlan.patch ?? {}).sort(),
    parameters: configPlan.parameters.map((p) => p.name),
    restartParameters: configPlan.restartParameters,
    primaryFirst: configPlan.primaryFirst,
    promotes: configPlan.promotes,
  };
  plan(report, [patchLine, ...(configPlan.restartParameters.length > 0 ? [{ action: 'restart' as const, order: restartOrder(leader, cluster.members.map((m) => m.name), configPlan.primaryFirst), pending: true }] : [])]);
  if (context.dryRun) return;

  // Members take a new configuration in their next HA loop (Patroni's default loop_wait is 10 s).
  let settleMs = 0;
  if (configPlan.patch) {
    await step(report, patchLine, async () => {
      const stored = await cluster.rest(leader).patchConfig(configPlan.patch!);
      settleMs = ((Number(stored.loop_wait ?? live.loop_wait) || 10) + 1) * 2000;
    });
  } else {
    report.record({ ...patchLine, status: 'done', unchanged: true });
  }
  if (configPlan.promotes) {
    await cluster.waitHealthy({ member: leader, until: 'promoted' }, {
      settled: async (now) => ['master', 'primary'].includes((await cluster.rest(now).status()).role),
    });
  }
  // Once they have, Patroni tells which need a restart (also those pending from an earlier change).
  const pending = await waitForPending(cluster, configPlan.restartParameters.length > 0, settleMs, context.pollMs ?? 500);
  if (pending.length === 0) return;
  const current = await cluster.leaderIfHealthy();
  for (const member of restartOrder(current, pending, configPlan.primaryFirst)) {
    await restartOne(cluster, report, member, member === current ? 'primary' : 'replica', true);
  }
}

/** Members reporting pending_restart: once every member does (a restart is expected) or after `settleMs`. */
async function waitForPending(cluster: Cluster, expected: boolean, settleMs: number, pollMs: number): Promise<string[]> {
  const deadline = Date.now() + settleMs;
  for (;;) {
    const statuses = await Promise.all(cluster.members.map(async (m) => ({ name: m.name, pending: (await cluster.rest(m.name).status()).pending_restart === true })));
    const pending = statuses.filter((s) => s.pending).map((s) => s.name);
    if ((expected && pending.length === statuses.length) || Date.now() > deadline) return pending;
    await sleep(pollMs);
  }
}

async function runRestart(cluster: Cluster, context: OperationsContext): Promise<void> {
  const leader = await cluster.leaderIfHealthy();
  const order = restartOrder(leader, cluster.members.map((m) => m.name), false);
  plan(context.report, order.map((member) => ({ action: 'restart', member, role: member === leader ? 'primary' : 'replica' })));
  if (context.dryRun) return;
  for (const member of order) await restartOne(cluster, context.report, member, member === leader ? 'primary' : 'replica', false);
}

async function runReload(cluster: Cluster, context: OperationsContext): Promise<void> {
  await cluster.leaderIfHealthy();
  const names = cluster.members.map((m) => m.name).sort();
  plan(context.report, names.map((member) => ({ action: 'reload', member })));
  if (context.dryRun) return;
  for (const member of names) await step(context.report, { action: 'reload', member }, async () => void (await cluster.rest(member).reload()));
}

/** One switchover through the leader's Patroni; then waits for the candidate to lead and the old leader to stream. */
async function switchover(cluster: Cluster, context: OperationsContext, from: string, to: string): Promise<void> {
  await step(context.report, { action: 'switchover', from, to }, async () => {
    await cluster.rest(from).switchover({ leader: from, candidate: to });
  });
  await cluster.waitHealthy({ member: from, until: `streaming from ${to}` }, { settled: (leader) => leader === to });
}

/**
 * Before a scale-down to `instances`: the pods from that ordinal up go away, so the leader must not be one of
 * them. Only the leader is looked at when it is kept: a scale-down often removes a broken replica.
 */
async function scaleDownSwitchover(state: OperationsState, instances: number, cluster: Cluster, context: OperationsContext): Promise<string | undefined> {
  const removed = (name: string) => (names.podOrdinal(state.cluster, name) ?? instances) >= instances;
  const leaders = leadersOf((await cluster.observe()).view);
  if (leaders.length === 1 && !removed(leaders[0]!.name)) {
    const leader = leaders[0]!.name;
    context.report.record({ action: 'switchover', from: leader, status: 'done', unchanged: true });
    return `the leader ${leader} is kept by the scale-down to ${instances}: no switchover was needed`;
  }
  const leader = await cluster.leaderIfHealthy();
  const ineligible = (name: string) => (removed(name) ? `the scale-down to ${instances} removes it` : undefined);
  const choice = chooseCandidate(cluster.members, await cluster.observe(), { leader, maximumLag: state.maximumLagOnFailover, ineligible });
  if ('refused' in choice) throw new Refused(choice.refused);
  plan(context.report, [{ action: 'switchover', from: leader, to: choice.candidate }]);
  if (context.dryRun) return undefined;
  await switchover(cluster, context, leader, choice.candidate);
  return `switched over from ${leader} to ${choice.candidate}, which the scale-down to ${instances} keeps`;
}

async function runSwitchover(state: OperationsState, cluster: Cluster, context: OperationsContext): Promise<string | undefined> {
  const instances = state.switchover?.instances;
  if (instances !== undefined) return scaleDownSwitchover(state, instances, cluster, context);
  const leader = await cluster.leaderIfHealthy();
  const named = state.switchover?.candidate;
  const choice = chooseCandidate(cluster.members, await cluster.observe(), { leader, maximumLag: state.maximumLagOnFailover, ...(named ? { named } : {}) });
  if ('refused' in choice) throw new Refused(choice.refused);
  plan(context.report, [{ action: 'switchover', from: leader, to: choice.candidate }]);
  if (context.dryRun) return undefined;
  await switchover(cluster, context, leader, choice.candidate);
  return undefined;
}

async function runRollout(state: OperationsState, cluster: Cluster, context: OperationsContext): Promise<string | undefined> {
  const outdated = new Set(cluster.members.filter((m) => !m.upToDate).map((m) => m.name));
  // The hook plans a rollout from the StatefulSet's revision counts, not from the pods' hashes: none may differ.
  if (outdated.size === 0) return 'no pod runs an outdated template: nothing was changed';
  const leader = await cluster.leaderIfHealthy(outdated);
  const steps = planRollout(cluster.members, leader);
  plan(context.report, steps.map((s) => ({ ...s })));
  if (context.dryRun) return;
  let downtime: string | undefined;
  const remaining = new Set(steps.flatMap((s) => (s.action === 'recreate' ? [s.member] : [])));
  for (const next of steps) {
    if (next.action === 'switchover') {
      const choice = chooseCandidate(cluster.members, await cluster.observe(), {
        leader: next.from, maximumLag: state.maximumLagOnFailover, ineligible: (name) => (outdated.has(name) ? 'it runs an outdated template' : undefined),
      });
      if ('refused' in choice) throw new Refused(choice.refused);
      await switchover(cluster, context, next.from, choice.candidate);
      continue;
    }
    const started = Date.now();
    await step(context.report, { ...next }, () => context.source.recreate(next.member));
    remaining.delete(next.member);
    await cluster.waitHealthy({ member: next.member, until: 'running and streaming' }, { replacing: remaining });
    outdated.delete(next.member);
    if (next.downtime) downtime = `${next.member} was recreated in place: the cluster had no primary for about ${Date.now() - started} ms`;
  }
  return downtime;
}

async function upgrade(state: OperationsState, cluster: Cluster, context: OperationsContext): Promise<string> {
  const result = await runUpgrade(state, {
    members: cluster.members,
    observe: () => cluster.observe(),
    serverVersion: async (member) => (await cluster.rest(member).status()).server_version,
    waitUpgraded: async (leader, major) => {
      await cluster.waitHealthy({ member: leader, until: `running PostgreSQL ${major}` }, {
        settled: async (now) => majorOf((await cluster.rest(now).status()).server_version ?? 0) >= major,
      });
    },
  }, context.kubernetes, context.report, context.dryRun);
  if ('refused' in result) throw new Refused(result.refused);
  if (result.outcome === 'failed') throw new StepFailed({ action: 'upgrade', status: 'failed', reason: result.message });
  return result.message;
}

/** Runs the state's action; answers how it ended. Every line, the summary included, goes to the report. */
export async function runOperation(state: OperationsState, context: OperationsContext): Promise<Outcome> {
  const { report } = context;
  if (state.action === 'resize') {
    // Claims and the StatefulSet only: no Patroni member is read or needed.
    const result = context.kubernetes
      ? await runResize(state, context.kubernetes, report, context.dryRun)
      : { outcome: 'refused' as const, message: 'refused: the resize acts through the Kubernetes API; run it without --member' };
    report.summary(state.action, result.outcome, result.message);
    return result.outcome;
  }
  const cluster = new Cluster(state, context);
  let note: string | undefined;
  try {
    await cluster.refresh();
    switch (state.action) {
      case 'config': await runConfig(state, cluster, context); break;
      case 'restart': await runRestart(cluster, context); break;
      case 'reload': await runReload(cluster, context); break;
      case 'switchover': note = await runSwitchover(state, cluster, context); break;
      case 'rollout': note = await runRollout(state, cluster, context); break;
      case 'upgrade': note = await upgrade(state, cluster, context); break;
    }
  } catch (error) {
    if (error instanceof Refused) {
      report.record({ action: 'refused', ...(error.refusal.member ? { member: error.refusal.member } : {}), reason: error.refusal.reason });
      report.summary(state.action, 'refused', `refused: ${error.message}`);
      return 'refused';
    }
    if (error instanceof StepFailed) {
      report.record(error.line);
      report.summary(state.action, 'failed', `${error.line.action}${error.line.member ? ` ${error.line.member}` : ''} failed: ${error.message}`);
      return 'failed';
    }
    throw error;
  }
  const outcome = context.dryRun ? 'planned' : 'done';
  report.summary(state.action, outcome, context.dryRun ? 'dry run: nothing was changed' : note ?? `${state.action} done`);
  return outcome;
}
