import t from 'tap';
import fc from 'fast-check';
import type { DesiredDynamicConfig } from '../hooks/patroni/dynamic-config.js';
import { planConfigPatch } from './config-patch.js';
import type { DynamicConfig, JsonObject, JsonValue } from './patroni.js';
import { applyPatch } from '../test/patroni-patch.js';

const base: DesiredDynamicConfig = {
  synchronous_mode: false,
  synchronous_mode_strict: false,
  synchronous_node_count: null,
  parameters: {},
  slots: {},
  standby_cluster: null,
};
const desire = (extra: Partial<DesiredDynamicConfig>): DesiredDynamicConfig => ({ ...base, ...extra });

/** What Patroni's spilo bootstrap leaves in the DCS: numbers where YAML had numbers. */
const spiloLive: DynamicConfig = {
  ttl: 30,
  loop_wait: 10,
  retry_timeout: 10,
  maximum_lag_on_failover: 33554432,
  postgresql: { use_pg_rewind: true, use_slots: true, parameters: { max_connections: 100, max_wal_senders: 10, log_statement: 'ddl', wal_level: 'hot_standby' } },
};

t.test('nothing to do when the live configuration already says what the manifest says', async (t) => {
  const plan = planConfigPatch(spiloLive, desire({ ttl: 30, parameters: { max_connections: '100', log_statement: 'ddl' } }));
  t.same(plan, { parameters: [], restartParameters: [], primaryFirst: false, promotes: false });
});

t.test('only what differs is patched; what the manifest leaves unset stays', async (t) => {
  const plan = planConfigPatch(spiloLive, desire({ loop_wait: 5, parameters: { log_statement: 'all', work_mem: '8MB', max_connections: '100' } }));
  t.same(plan.patch, { loop_wait: 5, postgresql: { parameters: { log_statement: 'all', work_mem: '8MB' } } });
  t.same(plan.parameters, [{ name: 'log_statement', from: 'ddl', to: 'all' }, { name: 'work_mem', from: undefined, to: '8MB' }]);
  t.same(plan.restartParameters, []);
});

t.test('restart-requiring parameters and the restart order', async (t) => {
  const plan = (parameters: Record<string, string>) => planConfigPatch(spiloLive, desire({ parameters }));
  t.same(plan({ max_connections: '200', shared_buffers: '1GB' }).restartParameters, ['max_connections', 'shared_buffers']);
  t.equal(plan({ max_connections: '200' }).primaryFirst, false, 'an increase restarts the replicas first');
  t.equal(plan({ max_connections: '50' }).primaryFirst, true, 'a decrease restarts the primary first');
  t.equal(plan({ max_connections: '50', work_mem: '8MB' }).primaryFirst, true, 'other changes do not hold a replica above the primary');
  t.equal(plan({ max_connections: '50', max_worker_processes: '16' }).primaryFirst, false, 'a decrease with an increase: replicas first');
  t.equal(plan({ max_worker_processes: '4' }).primaryFirst, true, 'an absent value counts as Patroni\'s default (8)');
  t.equal(plan({ max_prepared_transactions: '0' }).primaryFirst, false, 'Patroni\'s default again: no change at all');
  t.equal(plan({ wal_level: 'logical' }).primaryFirst, false);
});

t.test('booleans and node counts: absent means Patroni\'s default', async (t) => {
  t.same(planConfigPatch({ synchronous_mode: 'on', synchronous_node_count: 2 }, base).patch, { synchronous_mode: false, synchronous_node_count: null });
  t.same(planConfigPatch({ synchronous_mode: true }, desire({ synchronous_mode: true, synchronous_node_count: 2 })).patch, { synchronous_node_count: 2 });
  t.same(planConfigPatch({ synchronous_mode: 'quorum' }, base).patch, { synchronous_mode: false });
  t.same(planConfigPatch({}, desire({ failsafe_mode: false })).patch, { failsafe_mode: false });
  t.same(planConfigPatch({ failsafe_mode: 'true' }, desire({ failsafe_mode: true })).patch, undefined);
});

t.test('pg_hba replaces the list when it differs', async (t) => {
  const live = { postgresql: { pg_hba: ['local all all trust'] } };
  t.same(planConfigPatch(live, desire({ pg_hba: ['local all all trust', 'host all all 0.0.0.0/0 md5'] })).patch, {
    postgresql: { pg_hba: ['local all all trust', 'host all all 0.0.0.0/0 md5'] },
  });
  t.same(planConfigPatch(live, desire({ pg_hba: ['local all all trust'] })).patch, undefined);
  t.same(planConfigPatch(live, base).patch, undefined, 'no pg_hba in the manifest: the live one stays');
});

t.test('slots: added, replaced whole, and removed only when an earlier manifest had them', async (t) => {
  const live = { slots: { kept: { type: 'physical' }, changed: { type: 'logical', database: 'a', plugin: 'pgoutput' }, gone: { type: 'physical' }, manual: { type: 'physical' } } };
  const plan = planConfigPatch(live, desire({ slots: { kept: { type: 'physical' }, changed: { type: 'logical', database: 'b' }, added: { type: 'physical' } } }), { formerSlots: ['gone', 'kept', 'never-there'] });
  t.same(plan.patch, { slots: { changed: { type: 'logical', database: 'b', plugin: null }, added: { type: 'physical' }, gone: null } });
  t.ok('manual' in (applyPatch(live, plan.patch!).slots as JsonObject), 'a slot no manifest named is left alone');
});

t.test('standby_cluster: created without nulls, rewritten whole when its source changes, removed to promote', async (t) => {
  const standby = { host: 'source', port: '5432', primary_slot_name: null, create_replica_methods: ['bootstrap_standby_with_wale', 'basebackup_fast_xlog'], restore_command: 'rc' };
  const created = planConfigPatch({}, desire({ standby_cluster: standby }));
  t.same(created.patch, { standby_cluster: { host: 'source', port: '5432', create_replica_methods: ['bootstrap_standby_with_wale', 'basebackup_fast_xlog'], restore_command: 'rc' } });
  t.equal(created.promotes, false);

  const live = { standby_cluster: { host: 'source', port: 5432, primary_slot_name: 'old', create_replica_methods: ['basebackup_fast_xlog'] } };
  t.same(planConfigPatch(live, desire({ standby_cluster: { ...standby, host: 'other' } })).patch, { standby_cluster: { ...standby, host: 'other' } });
  t.same(planConfigPatch(live, desire({ standby_cluster: { ...standby, primary_slot_name: 'old' } })).patch, undefined, 'the methods Spilo chose are left alone');

  const promote = planConfigPatch(live, base);
  t.same(promote.patch, { standby_cluster: null });
  t.equal(promote.promotes, true);
  t.same(planConfigPatch(live, desire({ standby_cluster: undefined })).patch, undefined, 'a standby by env alone is not touched');
  t.same(planConfigPatch({}, base).patch, undefined);
});

t.test('property: the live configuration with the plan applied needs no further patch', async (t) => {
  const word: fc.Arbitrary<string> = fc.constantFrom('a', 'b', 'c', 'on', 'off', '1', '100', '25', '8MB');
  const name = fc.constantFrom('max_connections', 'work_mem', 'log_statement', 'max_worker_processes', 'wal_level', 'x.y');
  const slot = fc.dictionary(fc.constantFrom('type', 'database', 'plugin'), word, { maxKeys: 3 });
  const slots = fc.dictionary(fc.constantFrom('s1', 's2', 's3'), slot, { maxKeys: 3 });
  const standby = fc.option(fc.record({
    host: fc.option(word, { nil: null }), port: fc.option(word, { nil: null }), primary_slot_name: fc.option(word, { nil: null }),
    create_replica_methods: fc.constant(['basebackup_fast_xlog'] as string[]), restore_command: fc.constant('rc') as fc.Arbitrary<string>,
  }), { nil: null });
  const desired: fc.Arbitrary<DesiredDynamicConfig> = fc.record({
    ttl: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
    loop_wait: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
    synchronous_mode: fc.boolean(),
    synchronous_mode_strict: fc.boolean(),
    synchronous_node_count: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    failsafe_mode: fc.option(fc.boolean(), { nil: undefined }),
    parameters: fc.dictionary(name, word, { maxKeys: 4 }),
    pg_hba: fc.option(fc.array(word, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    slots,
    standby_cluster: fc.option(standby, { nil: undefined }),
  }, { requiredKeys: ['synchronous_mode', 'synchronous_mode_strict', 'synchronous_node_count', 'parameters', 'slots'] });
  const liveValue: fc.Arbitrary<JsonValue> = fc.oneof(word, fc.integer({ min: 0, max: 300 }), fc.boolean());
  const live: fc.Arbitrary<JsonObject> = fc.record({
    ttl: liveValue, loop_wait: liveValue, synchronous_mode: liveValue, synchronous_node_count: liveValue, failsafe_mode: liveValue,
    postgresql: fc.record({ parameters: fc.dictionary(name, liveValue, { maxKeys: 4 }), pg_hba: fc.array(word, { maxLength: 2 }) }, { requiredKeys: [] }),
    slots,
    standby_cluster: fc.record({ host: word, port: liveValue, primary_slot_name: word }, { requiredKeys: [] }),
  }, { requiredKeys: [] });
  fc.assert(fc.property(live, desired, fc.array(fc.constantFrom('s1', 's2', 's3')), (liveConfig, want, formerSlots) => {
    const first = planConfigPatch(liveConfig, want, { formerSlots });
    const after = first.patch ? applyPatch(liveConfig, first.patch) : liveConfig;
    const second = planConfigPatch(after, want, { formerSlots });
    if (second.patch !== undefined) throw new Error(`second patch ${JSON.stringify(second.patch)} after ${JSON.stringify(first.patch)}`);
  }), { seed: 11, numRuns: 500 });
  t.pass('converges');
});
