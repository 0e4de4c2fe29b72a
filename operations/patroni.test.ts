// Against a real two-member Patroni cluster (test/patroni.ts): the REST client, and the config-patch
// planner's output applied through it.
import t from 'tap';
import { desiredDynamicConfig, type DesiredDynamicConfig } from '../hooks/patroni/dynamic-config.js';
import { defaultConfig } from '../hooks/config.js';
import { loadManifest } from '../fixtures/requests.js';
import type { PostgresSpec } from '../schemas/postgresql.js';
import { HARNESS_PG_HBA, startPatroniCluster, waitFor, type PatroniCluster } from '../test/patroni.js';
import { freePort } from '../test/postgres.js';
import { planConfigPatch, type PlanOptions } from './config-patch.js';
import { PatroniError, patroniClient } from './patroni.js';

const WAIT_MS = 20_000;

let cluster: PatroniCluster;
t.before(async () => {
  cluster = await startPatroniCluster({ members: 2 });
});
t.teardown(() => cluster?.stop());

const names = () => cluster.members.map((m) => m.name);

async function show(member: string, parameter: string): Promise<string> {
  const client = await cluster.client(member);
  try {
    return (await client.query(`SHOW ${parameter}`)).rows[0][parameter];
  } finally {
    await client.end();
  }
}

async function query<T>(member: string, sql: string): Promise<T[]> {
  const client = await cluster.client(member);
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Waits until `parameter` shows `value` on every member. */
async function liveEverywhere(parameter: string, value: string): Promise<void> {
  for (const member of names()) {
    await waitFor(`${parameter}=${value} on ${member}`, WAIT_MS, async () => ((await show(member, parameter)) === value ? true : undefined), () => cluster.logs());
  }
}

const startTimes = async () => Promise.all(names().map(async (m) => (await cluster.rest(m).status()).postmaster_start_time));

/** The manifest's desired configuration, keeping the harness's own settings so the cluster keeps working. */
function desired(spec: Record<string, unknown>): DesiredDynamicConfig {
  const manifest = loadManifest('minimal');
  const patroni = { ttl: 20, loop_wait: 1, retry_timeout: 5, pg_hba: HARNESS_PG_HBA, ...(spec.patroni as object) };
  return desiredDynamicConfig({ ...manifest.spec, ...spec, patroni } as unknown as PostgresSpec, defaultConfig());
}

/**
 * Plans against the live /config, patches, and plans again against what the patch stored. GET /config
 * answers from the member's cached view of the DCS, which catches up within a loop: wait for it too.
 */
async function sync(want: DesiredDynamicConfig, options?: PlanOptions) {
  const leader = cluster.rest(await cluster.leader());
  const plan = planConfigPatch(await leader.config(), want, options);
  const stored = plan.patch ? await leader.patchConfig(plan.patch) : await leader.config();
  await waitFor('GET /config to show the patch', WAIT_MS, async () => (planConfigPatch(await leader.config(), want, options).patch ? undefined : true));
  return { plan, again: planConfigPatch(stored, want, options) };
}

t.test('two members: one leader, one replica streaming from it', async (t) => {
  const leader = await cluster.leader();
  const view = await cluster.rest(leader).cluster();
  t.same(view.members.map((m) => m.role).sort(), ['leader', 'replica']);
  const replica = names().find((n) => n !== leader)!;
  const streaming = (await cluster.rest(leader).status()).replication?.map((r) => [r.application_name, r.state]);
  t.same(streaming, [[replica, 'streaming']]);
  t.same(await query(replica, 'SELECT pg_is_in_recovery() AS recovery'), [{ recovery: true }]);
});

t.test('a DCS parameter that needs no restart is live on both members, and nobody restarted', async (t) => {
  const before = await startTimes();
  const config = await cluster.rest(names()[1]!).patchConfig({ postgresql: { parameters: { work_mem: '7MB', log_statement: 'mod' } } });
  t.match(config, { postgresql: { parameters: { work_mem: '7MB', log_statement: 'mod' } } }, 'PATCH answers the new configuration');
  await liveEverywhere('work_mem', '7MB');
  await liveEverywhere('log_statement', 'mod');
  t.same(await startTimes(), before, 'postmaster start times unchanged');
  for (const member of names()) t.notOk((await cluster.rest(member).status()).pending_restart, `${member} has no pending restart`);
});

t.test('a restart-requiring parameter shows pending_restart until the member restarts', async (t) => {
  const plan = (await sync(desired({ postgresql: { version: '15', parameters: { max_connections: '120' } } }))).plan;
  t.same(plan.restartParameters, ['max_connections']);
  t.equal(plan.primaryFirst, false, 'an increase restarts the replicas first');
  for (const member of names()) {
    await waitFor(`pending_restart on ${member}`, WAIT_MS, async () => ((await cluster.rest(member).status()).pending_restart ? true : undefined), () => cluster.logs());
  }
  t.equal(await show(names()[0]!, 'max_connections'), '100', 'still the old value before the restart');

  const leader = await cluster.leader();
  const order = [...names().filter((n) => n !== leader), leader];
  for (const member of order) t.match(await cluster.rest(member).restart({ restart_pending: true }), /restarted successfully/);
  await liveEverywhere('max_connections', '120');
  for (const member of names()) t.notOk((await cluster.rest(member).status()).pending_restart);
  t.equal(await cluster.waitHealthy({ timeoutMs: WAIT_MS }), leader, 'restarts keep the leader');
});

t.test('the planner\'s patch applied to the live cluster converges, pg_hba included', async (t) => {
  const line = 'host all all 127.0.0.2/32 scram-sha-256';
  const want = desired({
    postgresql: { version: '15', parameters: { max_connections: '120', work_mem: '9MB', log_min_duration_statement: '250', shared_buffers: '64MB' } },
    patroni: { pg_hba: [...HARNESS_PG_HBA, line], maximum_lag_on_failover: 2097152 },
  });
  const { plan, again } = await sync(want);
  // failsafe_mode and max_connections were put in place by the test before.
  t.same(plan.patch, {
    maximum_lag_on_failover: 2097152,
    postgresql: { parameters: { log_min_duration_statement: '250', work_mem: '9MB' }, pg_hba: [...HARNESS_PG_HBA, line] },
  }, 'only what differs; the local shared_buffers is not the DCS\'s');
  t.equal(again.patch, undefined, 'a second plan is empty');
  await liveEverywhere('work_mem', '9MB');
  for (const member of names()) {
    await waitFor(`the new pg_hba line on ${member}`, WAIT_MS, async () => {
      const rules = await query<{ address: string }>(member, 'SELECT address FROM pg_hba_file_rules');
      return rules.some((r) => r.address === '127.0.0.2') ? true : undefined;
    }, () => cluster.logs());
  }
  t.pass('pg_hba reloaded on every member');
});

t.test('permanent slots: created from the manifest, removed by null when the manifest drops them', async (t) => {
  const slots = async () => (await query<{ slot_name: string }>(await cluster.leader(), 'SELECT slot_name FROM pg_replication_slots ORDER BY 1')).map((r) => r.slot_name);
  const base = { postgresql: { version: '15', parameters: { max_connections: '120' } } };
  const added = await sync(desired({ ...base, patroni: { slots: { keep_me: { type: 'physical' } } } }));
  t.same(added.plan.patch?.slots, { keep_me: { type: 'physical' } });
  t.equal(added.again.patch, undefined);
  await waitFor('slot keep_me on the leader', WAIT_MS, async () => ((await slots()).includes('keep_me') ? true : undefined), () => cluster.logs());

  const removed = await sync(desired(base), { formerSlots: ['keep_me'] });
  t.same(removed.plan.patch?.slots, { keep_me: null });
  t.equal(removed.again.patch, undefined);
  await waitFor('slot keep_me dropped', WAIT_MS, async () => ((await slots()).includes('keep_me') ? undefined : true), () => cluster.logs());
  t.same((await cluster.rest(names()[0]!).config()).slots ?? {}, {}, 'no permanent slot left in the DCS');
});

t.test('reload and switchover through the client', async (t) => {
  t.match(await cluster.rest(names()[0]!).reload(), /reload scheduled/);
  const leader = await cluster.leader();
  const candidate = names().find((n) => n !== leader)!;
  t.match(await cluster.rest(leader).switchover({ leader, candidate }), new RegExp(`switched over to "${candidate}"`));
  await cluster.waitHealthy({ timeoutMs: WAIT_MS });
  t.equal(await cluster.leader(), candidate);
});

t.test('errors carry the status and Patroni\'s message', async (t) => {
  const leader = await cluster.leader();
  const refused = await cluster.rest(leader).switchover({ leader, candidate: 'nobody' }).catch((e: unknown) => e);
  t.ok(refused instanceof PatroniError);
  t.match(refused, { status: 412, detail: 'candidate does not exists', method: 'POST' });
  const notJson = await cluster.rest(leader).patchConfig({}).catch((e: unknown) => e);
  t.match(notJson, { status: 400, detail: 'Bad Request.' }, 'an empty patch is refused, and the error page is reduced to its message');
  const closed = await patroniClient(`http://127.0.0.1:${await freePort()}`, { timeoutMs: 2000 }).status().catch((e: unknown) => e);
  t.match(closed, { status: undefined, detail: /ECONNREFUSED/ });
});
