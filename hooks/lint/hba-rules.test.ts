import t from 'tap';
import { defaultConfig } from '../config.js';
import type { OperatorConfig } from '../../schemas/config.js';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import { clusterWith } from '../../test/support.js';
import { pgHbaRules } from './hba-rules.js';

const hba = (pg_hba: string[], spec: Partial<PostgresSpec> = {}, config: Partial<OperatorConfig> = {}) =>
  pgHbaRules(clusterWith({ ...spec, patroni: { pg_hba } }), { ...defaultConfig(), ...config });

// What Spilo's own list grants the two system users, written as a user would.
const WORKING = ['local all all trust', 'hostssl replication standby all md5', 'hostssl all all all md5'];

t.test('a list that admits the superuser locally and remotely and the replication user gets no warning', async (t) => {
  t.same(hba(WORKING), []);
  t.same(hba([]), [], 'no list: Spilo keeps its own');
  t.same(hba(['local postgres,template1 postgres md5 # Patroni', 'host replication standby 10.0.0.0/8 md5', 'host all postgres 10.0.0.0/8 md5']), [],
    'networks that may hold the pods are not second-guessed');
});

t.test('no local line for the superuser: the cluster cannot bootstrap', async (t) => {
  t.same(hba(['hostssl all all 0.0.0.0/0 md5', 'hostssl replication standby all md5']), [
    `spec.patroni.pg_hba: the superuser "postgres" cannot connect through the local socket to database "postgres" (no line admits it); this list replaces Spilo's own, and Patroni and Spilo's post-init script connect that way, so the cluster cannot bootstrap`,
  ]);
  t.match(hba(['local postgres all trust', ...WORKING.slice(1)]), [/to database "template1" \(no line admits it\)/], "Spilo's post-init script connects to every database");
  t.match(hba(['local all postgres reject', ...WORKING]), [/\(spec\.patroni\.pg_hba\[0\] matches it first and refuses it\)/]);
  t.same(hba(['local all all peer', ...WORKING.slice(1)]), [], 'peer admits postgres: Spilo runs PostgreSQL as the OS user postgres');
  t.match(hba(['local all all peer', ...WORKING.slice(1)], {}, { super_username: 'admin' }), [/the superuser "admin" cannot connect through the local socket .*pg_hba\[0\] matches it first and refuses it/]);
});

t.test('no replication line for the replication user: replicas cannot stream', async (t) => {
  const message = `spec.patroni.pg_hba: the replication user "standby" cannot open a replication connection from another pod (no line admits it; only a host or hostssl line with database "replication" can admit it); this list replaces Spilo's own, so replicas can neither be created nor stream from the primary`;
  t.same(hba(['local all all trust', 'hostssl all all all md5']), [message], '"all" does not cover replication connections');
  t.same(hba(['local all all trust', 'host replication standby 127.0.0.1/32 md5', 'hostssl all all all md5']), [message]);
  t.same(hba(['local all all trust', 'hostssl replication repl all md5', 'hostssl all all all md5'], {}, { replication_username: 'repl' }), []);
  t.same(hba(['local all all trust', 'hostssl all all all md5'], { numberOfInstances: 1 }), [], 'a single instance has no replica');
});

t.test('no host line for the superuser: the setup Job and pg_rewind cannot connect', async (t) => {
  const list = ['local all all trust', 'hostssl replication standby all md5', 'hostssl all app all md5'];
  t.same(hba(list), [
    `spec.patroni.pg_hba: the superuser "postgres" cannot connect to database "postgres" from another pod (no line admits it), which the setup Job (roles and databases) and Patroni's pg_rewind after a failover need`,
  ]);
  t.match(hba(list, { numberOfInstances: 1 }), [/, which the setup Job \(roles and databases\) need$/]);
  t.same(hba(list, { numberOfInstances: 1 }, { enable_database_access: false }), [], 'neither the Job nor pg_rewind runs');
});

t.test('a line PostgreSQL refuses stops it from starting; only those are reported then', async (t) => {
  t.same(hba(['local all all trust', 'host all all all peer']), [
    'spec.patroni.pg_hba[1]: PostgreSQL refuses "host all all all peer" (peer authentication is only supported on local sockets) and with it the whole pg_hba.conf, so it does not start',
  ]);
  t.match(hba(['local all all trust\nhostssl all all all nonsense']), [/^spec\.patroni\.pg_hba\[0\]: PostgreSQL refuses "hostssl all all all nonsense"/], 'an entry with a line break is two lines');
});

t.test('included files and hba_file leave the list unjudged', async (t) => {
  t.same(hba(['include_dir hba.d']), []);
  t.same(hba(['hostssl all all all md5'], { postgresql: { version: '18' as const, parameters: { hba_file: '/etc/pg_hba.conf' } } }), []);
});
