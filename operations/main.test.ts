// The operations command against real Patroni clusters (test/patroni.ts): three members for the
// precondition, reload, configuration sync, restart, switchover and a rollout through the CLI, and a
// one-member standby cluster promoted by a configuration without standby_cluster.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type pg from 'pg';
import type { DesiredDynamicConfig } from '../hooks/patroni/dynamic-config.js';
import type { OperationsState } from '../schemas/operations-state.js';
import { HARNESS_PG_HBA, startPatroniCluster, waitFor, type PatroniCluster } from '../test/patroni.js';
import { freePort } from '../test/postgres.js';
import { main } from './main.js';

const MAX_LAG = 1_048_576;
const WAIT_MS = 30_000;

let cluster: PatroniCluster;
let standby: PatroniCluster;
const dir = mkdtempSync(join(tmpdir(), 'pgmc-operations-'));
t.before(async () => {
  cluster = await startPatroniCluster({ members: 3 });
  standby = await startPatroniCluster({ members: 1, etcd: cluster.etcd, standbyOf: cluster });
});
t.teardown(async () => {
  await standby?.stop();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Line = Record<string, unknown> & { action?: string; status?: string; member?: string };

let states = 0;
function stateFile(action: OperationsState['action'], extra: Partial<OperationsState> = {}): string {
  const state: OperationsState = { cluster: 'demo', namespace: 'default', action, podSelector: {}, patroniPort: 8008, maximumLagOnFailover: MAX_LAG, ...extra };
  const file = join(dir, `state-${++states}.json`);
  writeFileSync(file, JSON.stringify(state));
  return file;
}

const memberArgs = (of: PatroniCluster) => of.members.flatMap((m) => ['--member', `${m.name}=${m.restUrl}`]);

/** Runs the command in this process, as `npm run operations` would; answers its exit code and lines. */
async function run(of: PatroniCluster, action: OperationsState['action'], extra: Partial<OperationsState> = {}, args: string[] = []) {
  const lines: Line[] = [];
  const code = await main(['--state', stateFile(action, extra), ...memberArgs(of), '--wait-seconds', '30', ...args], {}, (line) => lines.push(JSON.parse(line)));
  const summary = (lines.pop() as { summary: Record<string, unknown> }).summary;
  return { code, lines, summary, done: (action: string) => lines.filter((l) => l.action === action && l.status === 'done') };
}

async function query<T>(of: PatroniCluster, member: string, sql: string): Promise<T[]> {
  const client = await of.client(member);
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const startTimes = async () => Object.fromEntries(await Promise.all(cluster.members.map(async (m) => [m.name, (await cluster.rest(m.name).status()).postmaster_start_time] as const)));

function desired(changes: Partial<DesiredDynamicConfig>): Record<string, unknown> {
  const config: DesiredDynamicConfig = {
    ttl: 20, loop_wait: 1, retry_timeout: 5, synchronous_mode: false, synchronous_mode_strict: false, synchronous_node_count: null,
    parameters: {}, pg_hba: HARNESS_PG_HBA, slots: {}, ...changes,
  };
  return config as unknown as Record<string, unknown>;
}

t.test('refuses to act while a member it is not replacing is down, and acts on nothing', async (t) => {
  const leader = await cluster.leader();
  const down = cluster.members.find((m) => m.name !== leader)!.name;
  const other = cluster.members.find((m) => m.name !== leader && m.name !== down)!.name;
  const before = await startTimes();
  await cluster.stopMember(down);
  try {
    const restart = await run(cluster, 'restart');
    t.equal(restart.code, 1);
    // Patroni's member key outlives a graceful stop for up to a TTL, with the state `stopped`.
    t.match(restart.lines, [{ action: 'refused', member: down, reason: /^(its PostgreSQL is stopped|not in the Patroni cluster \(Patroni is not running there\))$/ }]);
    t.equal(restart.lines.length, 1, 'nothing but the refusal');
    t.equal(restart.summary.outcome, 'refused');
    const rollout = await run(cluster, 'rollout', {}, ['--outdated', other, '--recreate-command', 'exit 3']);
    t.equal(rollout.code, 1);
    t.match(rollout.lines, [{ action: 'refused', member: down }], 'a rollout that does not replace it refuses too');
    // What the hook plans without reading pods may turn out to need nothing: that needs no healthy cluster.
    const nothingOutdated = await run(cluster, 'rollout', {}, ['--outdated', '', '--recreate-command', 'exit 3']);
    t.same([nothingOutdated.code, nothingOutdated.lines, nothingOutdated.summary.message], [0, [], 'no pod runs an outdated template: nothing was changed']);
    const leaderKept = await run(cluster, 'switchover', { cluster: cluster.scope, switchover: { instances: 3 } });
    t.same([leaderKept.code, leaderKept.lines], [0, [{ action: 'switchover', from: leader, status: 'done', unchanged: true }]], 'a scale-down that keeps the leader');
  } finally {
    await cluster.startMember(down);
  }
  await cluster.waitHealthy({ timeoutMs: WAIT_MS });
  const after = await startTimes();
  t.equal(after[leader], before[leader], 'the primary was not restarted');
  t.equal(after[other], before[other], 'nor the other replica');
});

t.test('reload: every member, and nothing else', async (t) => {
  const result = await run(cluster, 'reload');
  t.equal(result.code, 0, JSON.stringify(result.lines));
  t.same(result.done('reload').map((l) => l.member), cluster.members.map((m) => m.name).sort());
  t.same(result.lines.filter((l) => l.status === 'planned').map((l) => l.member), cluster.members.map((m) => m.name).sort(), 'the plan came first');
});

const EXTRA_HBA = 'host all all 127.0.0.2/32 scram-sha-256';

t.test('config: a DCS parameter, pg_hba and a slot are live without a restart; an equal config patches nothing', async (t) => {
  const before = await startTimes();
  const want = desired({ parameters: { work_mem: '7MB' }, pg_hba: [...HARNESS_PG_HBA, EXTRA_HBA], slots: { keep_me: { type: 'physical' } } });
  const dry = await run(cluster, 'config', { config: { desired: want, formerSlots: [] } }, ['--dry-run']);
  t.equal(dry.code, 0);
  t.match(dry.lines, [{ action: 'patch-config', status: 'planned', keys: ['postgresql', 'slots'], parameters: ['work_mem'], restartParameters: [] }]);
  t.equal(dry.lines.length, 1, 'a dry run only plans');
  const result = await run(cluster, 'config', { config: { desired: want, formerSlots: [] } });
  t.equal(result.code, 0, JSON.stringify(result.lines));
  t.equal(result.done('patch-config').length, 1);
  t.same(result.done('restart'), [], 'no restart');
  for (const { name } of cluster.members) {
    await waitFor(`work_mem and pg_hba on ${name}`, WAIT_MS, async () => {
      const [row] = await query<{ work_mem: string; hba: number }>(cluster, name, "SELECT current_setting('work_mem') AS work_mem, (SELECT count(*)::int FROM pg_hba_file_rules WHERE address = '127.0.0.2') AS hba");
      return row?.work_mem === '7MB' && row.hba === 1 ? true : undefined;
    });
  }
  const leader = await cluster.leader();
  await waitFor('the permanent slot on the leader', WAIT_MS, async () => ((await query(cluster, leader, "SELECT 1 FROM pg_replication_slots WHERE slot_name = 'keep_me'")).length === 1 ? true : undefined));
  t.same(await startTimes(), before, 'no member restarted');
  const again = await run(cluster, 'config', { config: { desired: want, formerSlots: [] } });
  t.match(again.lines, [{ action: 'patch-config', status: 'planned', keys: [] }, { action: 'patch-config', status: 'done', unchanged: true }]);
});

t.test('config: a restart-requiring parameter restarts replicas first, the primary last; a dropped slot is removed', async (t) => {
  const leader = await cluster.leader();
  const before = await startTimes();
  const want = desired({ parameters: { work_mem: '7MB', max_connections: '120' }, pg_hba: [...HARNESS_PG_HBA, EXTRA_HBA] });
  const result = await run(cluster, 'config', { config: { desired: want, formerSlots: ['keep_me'] } });
  t.equal(result.code, 0, JSON.stringify(result.lines));
  t.match(result.done('patch-config'), [{ keys: ['postgresql', 'slots'], restartParameters: ['max_connections'], primaryFirst: false }]);
  const order = result.done('restart').map((l) => String(l.member));
  t.equal(order.length, 3);
  t.equal(order.at(-1), leader, 'the primary restarted last');
  const after = await startTimes();
  for (const name of order) t.not(after[name], before[name], `${name} restarted`);
  const started = order.map((name) => Date.parse(String(after[name])));
  t.same([...started].sort((a, b) => a - b), started, 'postmaster start times follow the reported order');
  for (const { name } of cluster.members) t.same(await query(cluster, name, 'SHOW max_connections'), [{ max_connections: '120' }]);
  await waitFor('the slot gone', WAIT_MS, async () => ((await query(cluster, leader, "SELECT 1 FROM pg_replication_slots WHERE slot_name = 'keep_me'")).length === 0 ? true : undefined));
});

t.test('restart: a rolling restart, replicas first', async (t) => {
  const leader = await cluster.leader();
  const before = await startTimes();
  const result = await run(cluster, 'restart');
  t.equal(result.code, 0, JSON.stringify(result.lines));
  const order = result.done('restart').map((l) => l.member);
  t.same(order, [...cluster.members.map((m) => m.name).filter((n) => n !== leader).sort(), leader]);
  const after = await startTimes();
  t.ok(cluster.members.every((m) => after[m.name] !== before[m.name]), 'every postmaster restarted');
  t.equal(await cluster.leader(), leader, 'the leader stayed');
});

t.test('switchover: to the member named, then to the best replica', async (t) => {
  const leader = await cluster.leader();
  const named = cluster.members.map((m) => m.name).filter((n) => n !== leader).sort().at(-1)!;
  const toNamed = await run(cluster, 'switchover', { switchover: { candidate: named } });
  t.equal(toNamed.code, 0, JSON.stringify(toNamed.lines));
  t.match(toNamed.done('switchover'), [{ from: leader, to: named }]);
  t.equal(await cluster.leader(), named);
  const toBest = await run(cluster, 'switchover');
  t.equal(toBest.code, 0, JSON.stringify(toBest.lines));
  const [done] = toBest.done('switchover');
  t.equal(done?.from, named);
  t.equal(await cluster.leader(), done?.to);
  const refused = await run(cluster, 'switchover', { switchover: { candidate: String(done?.to) } });
  t.same([refused.code, refused.lines], [1, [{ action: 'refused', member: done?.to, reason: 'cannot take over: it is the leader already' }]]);
});

t.test('switchover before a scale-down: only when the leader is removed, to a member kept', async (t) => {
  const last = cluster.members.at(-1)!.name;
  if (await cluster.leader() !== last) t.equal((await run(cluster, 'switchover', { switchover: { candidate: last! } })).code, 0);
  const scaleDown = { cluster: cluster.scope, switchover: { instances: 2 } };
  const moved = await run(cluster, 'switchover', scaleDown);
  t.equal(moved.code, 0, JSON.stringify(moved.lines));
  const [done] = moved.done('switchover');
  t.equal(done?.from, last);
  t.not(done?.to, last, 'to a member the scale-down keeps');
  t.equal(await cluster.leader(), done?.to);
  t.match(moved.summary, { outcome: 'done', message: new RegExp(`from ${last} to ${done?.to}, which the scale-down to 2 keeps`) });

  const kept = await run(cluster, 'switchover', scaleDown);
  t.equal(kept.code, 0);
  t.same(kept.lines, [{ action: 'switchover', from: done?.to, status: 'done', unchanged: true }], 'the leader is kept: nothing is done');
  t.equal(await cluster.leader(), done?.to);
});

/** Writes a row every 100 ms to whichever member leads; measures the longest gap between successful writes. */
function writer(of: PatroniCluster) {
  let stopped = false;
  let failed = 0;
  let written = 0;
  let lastSuccess = Date.now();
  let longestGap = 0;
  let client: pg.Client | undefined;
  const loop = (async () => {
    const setup = await of.client(await of.leader());
    await setup.query('CREATE TABLE IF NOT EXISTS ticks (at timestamptz DEFAULT now())');
    await setup.end();
    while (!stopped) {
      const tick = Date.now();
      try {
        if (!client) {
          client = await of.client(await of.leader());
          // A terminated connection is a failed write, counted below, not a crash.
          client.on('error', () => undefined);
        }
        await client.query({ text: 'INSERT INTO ticks DEFAULT VALUES', query_timeout: 1000 } as pg.QueryConfig);
        written++;
        longestGap = Math.max(longestGap, Date.now() - lastSuccess);
        lastSuccess = Date.now();
      } catch {
        failed++;
        void client?.end().catch(() => undefined);
        client = undefined;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 100 - (Date.now() - tick))));
    }
    await client?.end().catch(() => undefined);
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return { written, failed, longestGapMs: longestGap };
    },
  };
}

/** The harness's side of --recreate-command: POST /<member> stops that member's Patroni and starts it again on a new "template". */
async function recreateServer(of: PatroniCluster): Promise<{ url: string; recreated: string[]; server: Server }> {
  const recreated: string[] = [];
  const server = createServer((request, response) => {
    const name = decodeURIComponent((request.url ?? '/').slice(1));
    void (async () => {
      await of.stopMember(name);
      await of.startMember(name, (config) => {
        config.tags = { template: 'v2' };
      });
      recreated.push(name);
    })().then(() => response.end('ok'), (error: Error) => {
      response.statusCode = 500;
      response.end(error.message);
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, recreated, server };
}

function cli(args: string[]): Promise<{ code: number | null; lines: Line[]; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'operations/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => resolve({ code, lines: stdout.trim().split('\n').map((l) => JSON.parse(l) as Line), stderr }));
  });
}

t.test('rollout through the CLI: replicas one by one, one switchover, the old primary last; the write outage is measured', async (t) => {
  const leader = await cluster.leader();
  const control = await recreateServer(cluster);
  t.teardown(() => new Promise<void>((resolve) => control.server.close(() => resolve())));
  const writes = writer(cluster);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const result = await cli(['--state', stateFile('rollout'), ...memberArgs(cluster), '--wait-seconds', '60',
    '--recreate-command', `curl -fsS -X POST "${control.url}/$PGMC_MEMBER"`]);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const outage = await writes.stop();
  t.equal(result.code, 0, `${JSON.stringify(result.lines)}\n${result.stderr}`);
  const done = result.lines.filter((l) => l.status === 'done' && l.action !== 'wait');
  t.equal(done.filter((l) => l.action === 'switchover').length, 1, 'exactly one switchover');
  t.same(done.map((l) => l.action), ['recreate', 'recreate', 'switchover', 'recreate']);
  t.same(control.recreated, done.filter((l) => l.action === 'recreate').map((l) => l.member), 'the harness recreated what the command reported');
  t.equal(control.recreated.at(-1), leader, 'the old primary was recreated last');
  t.not(await cluster.leader(), leader, 'a replica leads now');
  const view = await cluster.rest(await cluster.leader()).cluster();
  t.ok(view.members.every((m) => m.tags?.template === 'v2'), 'every member runs the new template');
  t.ok(outage.written > 0);
  t.comment(`rollout write outage: longest gap between successful writes ${outage.longestGapMs} ms, ${outage.failed} failed writes, ${outage.written} written`);
  t.ok(outage.longestGapMs < 30_000, `the write outage stayed bounded (${outage.longestGapMs} ms)`);
});

t.test('config: a desired standby_cluster of null promotes the standby cluster', async (t) => {
  const leader = await standby.leader();
  const result = await run(standby, 'config', { config: { desired: desired({ pg_hba: undefined, standby_cluster: null }), formerSlots: [] } });
  t.equal(result.code, 0, JSON.stringify(result.lines));
  t.match(result.done('patch-config'), [{ keys: ['standby_cluster'], promotes: true }]);
  t.match(result.done('wait'), [{ member: leader, until: 'promoted' }]);
  t.match((await standby.rest(leader).status()).role, /^(master|primary)$/);
  await query(standby, leader, 'CREATE TABLE promoted (n int)');
  t.pass('it accepts writes');
});
