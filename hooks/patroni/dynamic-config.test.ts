import t from 'tap';
import { loadManifest } from '../../fixtures/requests.js';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import { defaultConfig } from '../config.js';
import { bootstrapDcs, desiredDynamicConfig } from './dynamic-config.js';

const specOf = (name: string, extra: Record<string, unknown> = {}) => ({ ...loadManifest(name).spec, ...extra }) as unknown as PostgresSpec;
const config = defaultConfig();

t.test('the bootstrap section keeps Zalando\'s fields, order and float32 lag, without local parameters', async (t) => {
  const spec = specOf('complete', {
    postgresql: { version: '17', parameters: { shared_buffers: '1GB', max_connections: '200', log_statement: 'all' } },
    patroni: { ttl: 30, loop_wait: 10, retry_timeout: 10, maximum_lag_on_failover: 33554433, synchronous_mode: true, synchronous_node_count: 2, slots: { b: { type: 'physical' }, a: { type: 'logical', plugin: 'x', database: 'd' } } },
  });
  const dcs = bootstrapDcs(spec, config);
  t.same(Object.keys(dcs), ['ttl', 'loop_wait', 'retry_timeout', 'maximum_lag_on_failover', 'synchronous_mode', 'synchronous_node_count', 'postgresql', 'slots', 'failsafe_mode']);
  t.equal(dcs.maximum_lag_on_failover, 33554432);
  t.same(dcs.postgresql, { parameters: { log_statement: 'all', max_connections: '200' } });
  t.same(Object.keys(dcs.slots!), ['a', 'b']);
  t.same(Object.keys(dcs.slots!.a!), ['database', 'plugin', 'type']);
});

t.test('a minimal manifest asks for Patroni\'s defaults and no standby', async (t) => {
  t.same(desiredDynamicConfig(specOf('minimal'), config), {
    synchronous_mode: false,
    synchronous_mode_strict: false,
    synchronous_node_count: null,
    failsafe_mode: false,
    parameters: {},
    slots: {},
    standby_cluster: null,
  });
});

t.test('the manifest\'s Patroni settings, DCS parameters and pg_hba are desired; local parameters are not', async (t) => {
  const desired = desiredDynamicConfig(specOf('complete'), { ...config, enable_patroni_failsafe_mode: true });
  t.equal(desired.ttl, 30);
  t.equal(desired.maximum_lag_on_failover, 33554432);
  t.equal(desired.synchronous_node_count, 1);
  t.equal(desired.failsafe_mode, false, 'the manifest wins over the configuration');
  t.same(desired.pg_hba, ['hostssl all all 0.0.0.0/0 md5', 'host    all all 0.0.0.0/0 md5']);
  t.same(desired.slots.permanent_physical_1, { type: 'physical' });
  t.notOk(Object.keys(desired.parameters).some((name) => ['shared_buffers', 'ssl', 'archive_command'].includes(name)));
});

t.test('event streams force logical decoding in the desired configuration only', async (t) => {
  const spec = specOf('minimal', { streams: [{ applicationId: 'app', database: 'foo', tables: { 'public.t': { eventType: 'e' } } }], postgresql: { version: '17', parameters: { wal_level: 'replica' } } });
  t.equal(desiredDynamicConfig(spec, config).parameters.wal_level, 'logical');
  t.same(bootstrapDcs(spec, config).postgresql, { parameters: { wal_level: 'replica' } });
});

t.test('the standby section becomes Zalando\'s standby_cluster; a standby by env alone is left alone', async (t) => {
  t.same(desiredDynamicConfig(specOf('standby-host'), config).standby_cluster, {
    host: 'acid-minimal-cluster.default',
    port: '5433',
    primary_slot_name: 'standby_slot',
    create_replica_methods: ['bootstrap_standby_with_wale', 'basebackup_fast_xlog'],
    restore_command: 'envdir "/run/etc/wal-e.d/env-standby" /scripts/restore_command.sh "%f" "%p"',
  });
  const walOnly = desiredDynamicConfig(specOf('minimal', { standby: { s3_wal_path: 's3://b/p' } }), config).standby_cluster;
  t.same([walOnly?.host, walOnly?.port, walOnly?.primary_slot_name], [null, null, null]);
  const byEnv = desiredDynamicConfig(specOf('minimal', { env: [{ name: 'STANDBY_WALE_S3_PREFIX', value: 's3://b/p' }] }), config);
  t.notOk('standby_cluster' in byEnv);
});
