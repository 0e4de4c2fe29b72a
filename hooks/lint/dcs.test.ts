import t from 'tap';
import { defaultConfig } from '../config.js';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import { clusterWith } from '../../test/support.js';
import { negativeFailoverLag, patroniTimeouts, synchronousReplication } from './dcs.js';

type Patroni = NonNullable<PostgresSpec['patroni']>;
const timeouts = (patroni: Patroni) => patroniTimeouts(clusterWith({ patroni }));

t.test('timeouts below Patroni\'s minimums are raised, then loop_wait + 2 × retry_timeout <= ttl is enforced', async (t) => {
  t.same(timeouts({ ttl: 15 }), [
    "spec.patroni.ttl: 15 is below Patroni's minimum 20; Patroni uses 20",
    "spec.patroni: loop_wait 10 (Spilo's default) + 2 × retry_timeout 10 (Spilo's default) exceeds ttl 20; Patroni lowers loop_wait to 1 and retry_timeout to 9",
  ]);
  t.same(timeouts({ retry_timeout: 12 }), [
    "spec.patroni: loop_wait 10 (Spilo's default) + 2 × retry_timeout 12 exceeds ttl 30 (Spilo's default); Patroni lowers loop_wait to 6",
  ]);
  t.same(timeouts({ retry_timeout: 2, ttl: 20, loop_wait: 14 }), [
    "spec.patroni.retry_timeout: 2 is below Patroni's minimum 3; Patroni uses 3",
  ], '14 + 2 × 3 = 20 fits');
});

t.test('timeouts that fit, and Spilo\'s defaults, get no warning', async (t) => {
  t.same(timeouts({}), []);
  t.same(timeouts({ ttl: 60, loop_wait: 10, retry_timeout: 25 }), []);
  t.same(timeouts({ ttl: 0, loop_wait: 0, retry_timeout: 0 }), [], '0 is left out: Spilo\'s defaults apply');
});

t.test('a negative maximum_lag_on_failover rules out every failover', async (t) => {
  t.same(negativeFailoverLag(clusterWith({ patroni: { maximum_lag_on_failover: -1 } })), [
    'spec.patroni.maximum_lag_on_failover: -1 makes every replica count as lagging, so Patroni never fails over to one automatically',
  ]);
  t.same(negativeFailoverLag(clusterWith({ patroni: { maximum_lag_on_failover: 0 } })), []);
  t.same(negativeFailoverLag(clusterWith({ patroni: { maximum_lag_on_failover: 1048576 } })), []);
});

const sync = (patroni: Patroni, spec: Partial<PostgresSpec> = {}) => synchronousReplication(clusterWith({ ...spec, patroni }), defaultConfig());

t.test('synchronous replication the instances cannot give', async (t) => {
  t.same(sync({ synchronous_mode: true, synchronous_node_count: 3 }, { numberOfInstances: 3 }), [
    'spec.patroni.synchronous_node_count: 3 synchronous standbys are asked for but 3 instances have only 2 replicas; Patroni makes at most 2 synchronous',
  ]);
  t.same(sync({ synchronous_mode: true, synchronous_mode_strict: true }, { numberOfInstances: 1 }), [
    "spec.patroni.synchronous_mode_strict: with a single instance there is no replica; Patroni sets synchronous_standby_names to '*', so every write transaction waits for a standby that never comes",
  ]);
  t.same(sync({ synchronous_mode: true }, { numberOfInstances: 1 }), ['spec.patroni.synchronous_mode: with a single instance there is no replica, so no commit is synchronous']);
  t.same(sync({ synchronous_mode_strict: true }), [
    'spec.patroni.synchronous_mode_strict: has no effect without synchronous_mode: true (Patroni manages synchronous replication only in synchronous mode)',
  ]);
  t.same(sync({ synchronous_mode: true }, { standby: { standby_host: 'acid-primary' } }), [
    'spec.patroni.synchronous_mode: Patroni ignores it in a standby cluster, whose members replicate asynchronously',
  ]);
});

t.test('synchronous replication that works gets no warning', async (t) => {
  t.same(sync({ synchronous_mode: true }), [], 'one synchronous standby by default, and two instances have one replica');
  t.same(sync({ synchronous_mode: true, synchronous_mode_strict: true, synchronous_node_count: 2 }, { numberOfInstances: 3 }), []);
  t.same(sync({ synchronous_mode: false, synchronous_node_count: 5 }), []);
  t.same(sync({ synchronous_mode: true }, { numberOfInstances: 0 }), []);
});
