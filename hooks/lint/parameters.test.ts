import t from 'tap';
import { clusterWith } from '../../test/support.js';
import { effectiveParameter, hbaFileParameter, parameter, refusedParameters } from './parameters.js';

const withParameters = (parameters: Record<string, string>) => clusterWith({ postgresql: { version: '18' as const, parameters } });

t.test('values Patroni refuses are named with the value it uses instead', async (t) => {
  t.same(refusedParameters(withParameters({ max_connections: '10' })), [
    'spec.postgresql.parameters.max_connections: Patroni refuses "10" (it must be an integer of at least 25) and starts PostgreSQL with max_connections = 100',
  ]);
  t.same(refusedParameters(withParameters({ wal_level: 'minimal', hot_standby: 'off', wal_keep_size: '8MB', track_commit_timestamp: 't' })), [
    'spec.postgresql.parameters.wal_level: Patroni refuses "minimal" (it must be one of hot_standby, replica, logical) and starts PostgreSQL with wal_level = hot_standby',
    'spec.postgresql.parameters.hot_standby: Patroni refuses "off" (it must be on) and starts PostgreSQL with hot_standby = on',
    'spec.postgresql.parameters.wal_keep_size: Patroni refuses "8MB" (it must be an integer of at least 16MB) and starts PostgreSQL with wal_keep_size = 128MB',
    'spec.postgresql.parameters.track_commit_timestamp: Patroni refuses "t" (it must be one of on, off, true, false, yes, no, 1, 0) and starts PostgreSQL with track_commit_timestamp = off',
  ]);
  t.match(refusedParameters(withParameters({ Max_Wal_Senders: '2' })), [/^spec\.postgresql\.parameters\.Max_Wal_Senders: Patroni refuses "2" .* max_wal_senders = 10$/], 'names are case-insensitive');
});

t.test('parameters Patroni sets itself are reported as ignored', async (t) => {
  t.same(refusedParameters(withParameters({ port: '5433', listen_addresses: 'localhost', cluster_name: 'x' })), [
    "spec.postgresql.parameters.port: Patroni ignores it and always sets port to 5432 (Spilo's postgresql.listen)",
    "spec.postgresql.parameters.listen_addresses: Patroni ignores it and always sets listen_addresses to '*' (Spilo's postgresql.listen)",
    "spec.postgresql.parameters.cluster_name: Patroni ignores it and always sets cluster_name to the cluster name (Patroni's scope)",
  ]);
});

t.test('values Patroni accepts, and other parameters, get no warning', async (t) => {
  t.same(refusedParameters(withParameters({
    max_connections: '25', wal_level: 'Logical', hot_standby: 'on', wal_keep_size: '1GB', max_replication_slots: '4',
    max_worker_processes: '0x10', wal_log_hints: 'off', shared_buffers: '1MB', log_statement: 'all',
  })), []);
  t.same(refusedParameters(clusterWith()), []);
});

t.test('the effective value is the accepted manifest value or Patroni\'s default', async (t) => {
  t.equal(effectiveParameter(withParameters({ max_wal_senders: '20' }).spec, 'max_wal_senders'), '20');
  t.equal(effectiveParameter(withParameters({ max_wal_senders: '1' }).spec, 'max_wal_senders'), '10');
  t.equal(effectiveParameter(clusterWith().spec, 'wal_level'), 'hot_standby');
  t.same(parameter(withParameters({ WAL_LEVEL: 'logical' }).spec, 'wal_level'), { key: 'WAL_LEVEL', value: 'logical' });
});

t.test('hba_file makes Patroni leave pg_hba.conf alone', async (t) => {
  t.same(hbaFileParameter(withParameters({ hba_file: '/etc/hba.conf' })), [
    `spec.postgresql.parameters.hba_file: Patroni stops writing pg_hba.conf, so neither spec.patroni.pg_hba nor Spilo's own rules are used; PostgreSQL reads "/etc/hba.conf", which must exist in the pod`,
  ]);
  t.same(hbaFileParameter(clusterWith()), []);
});

t.test('of two spellings of one parameter, the one SPILO_CONFIGURATION writes last (sorted keys) counts, whatever the manifest order', async (t) => {
  const last = { key: 'max_wal_senders', value: '2' };
  t.same(parameter(withParameters({ max_wal_senders: '2', MAX_WAL_SENDERS: '20', Max_Wal_Senders: '30' }).spec, 'max_wal_senders'), last);
  t.same(parameter(withParameters({ Max_Wal_Senders: '30', MAX_WAL_SENDERS: '20', max_wal_senders: '2' }).spec, 'max_wal_senders'), last);
  t.same(parameter(withParameters({ MAX_WAL_SENDERS: '20', Max_Wal_Senders: '30' }).spec, 'max_wal_senders'), { key: 'Max_Wal_Senders', value: '30' });
  t.equal(parameter(withParameters({ max_connections: '200' }).spec, 'max_wal_senders'), undefined);
});
