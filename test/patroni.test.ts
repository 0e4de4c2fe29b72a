// The Patroni harness itself: a standby cluster following another one, a member recreated with a
// changed configuration, and a standby promoted by the planner's patch.
import t from 'tap';
import { planConfigPatch } from '../operations/config-patch.js';
import type { DesiredDynamicConfig } from '../hooks/patroni/dynamic-config.js';
import { startPatroniCluster, waitFor, type PatroniCluster } from './patroni.js';

const WAIT_MS = 30_000;

let primary: PatroniCluster;
let standby: PatroniCluster;
t.before(async () => {
  primary = await startPatroniCluster({ members: 2 });
  standby = await startPatroniCluster({ members: 1, etcd: primary.etcd, standbyOf: primary });
});
t.teardown(async () => {
  await standby?.stop();
  await primary?.stop();
});

t.test('the standby cluster replays what the primary cluster writes', async (t) => {
  const leader = await standby.leader();
  t.equal((await standby.rest(leader).status()).role, 'standby_leader');
  await primary.query(await primary.leader(), 'CREATE TABLE marks (n int); INSERT INTO marks VALUES (1)');
  const rows = await waitFor('the row on the standby', WAIT_MS, async () => {
    const found = await standby.query<{ n: number }>(leader, 'SELECT n FROM marks').catch(() => []);
    return found.length > 0 ? found : undefined;
  }, () => standby.logs());
  t.same(rows, [{ n: 1 }]);
});

t.test('a member stopped and started again with a changed configuration comes back streaming', async (t) => {
  const leader = await primary.leader();
  const replica = primary.members.find((m) => m.name !== leader)!;
  await primary.stopMember(replica.name);
  t.equal(replica.running, false);
  await t.rejects(primary.client(replica.name), 'its PostgreSQL is gone');
  await primary.startMember(replica.name, (config) => {
    config.postgresql.parameters.work_mem = '3MB';
  });
  t.equal(await primary.waitHealthy({ timeoutMs: WAIT_MS }), leader, 'the leader stayed');
  t.same(await primary.query(replica.name, 'SHOW work_mem'), [{ work_mem: '3MB' }]);
  t.same(await primary.query(leader, 'SHOW work_mem'), [{ work_mem: '4MB' }], 'the other member keeps its configuration');
});

t.test('removing standby_cluster through the planner promotes the standby cluster', async (t) => {
  const leader = await standby.leader();
  const notStandby: DesiredDynamicConfig = { synchronous_mode: false, synchronous_mode_strict: false, synchronous_node_count: null, parameters: {}, slots: {}, standby_cluster: null };
  const plan = planConfigPatch(await standby.rest(leader).config(), notStandby);
  t.same(plan.patch, { standby_cluster: null });
  t.equal(plan.promotes, true);
  await standby.rest(leader).patchConfig(plan.patch!);
  await waitFor('the standby leader to become a leader', WAIT_MS, async () => (['master', 'primary'].includes((await standby.rest(leader).status()).role) ? true : undefined), () => standby.logs());
  await standby.query(leader, 'INSERT INTO marks VALUES (2)');
  t.same(await standby.query(leader, 'SELECT n FROM marks ORDER BY n'), [{ n: 1 }, { n: 2 }], 'it accepts writes');
  t.same(await primary.query(await primary.leader(), 'SELECT n FROM marks ORDER BY n'), [{ n: 1 }], 'the primary cluster is untouched');
});
