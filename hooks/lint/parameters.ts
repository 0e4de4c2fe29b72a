// PostgreSQL parameters of the manifest that Patroni replaces, refuses or that stop it from managing
// a file. Every parameter outside Spilo's local list reaches Patroni through bootstrap.dcs
// (hooks/pod/spilo-configuration.ts), and Spilo's configure_spilo.py `deep_update` lets the
// manifest's value replace Spilo's template value, so Patroni's checks see the manifest's value.
import type { PostgresSpec } from '../../schemas/postgresql.js';
import type { Cluster } from '../cluster.js';
import { spilo } from '../names.js';
import { patroniBoolean, patroniInteger, type MemoryBaseUnit } from './patroni-values.js';

/**
 * A manifest parameter looked up as Patroni does (names are case-insensitive; of two spellings the one
 * written last into SPILO_CONFIGURATION, whose keys are sorted, wins).
 */
export function parameter(spec: PostgresSpec, name: string): { key: string; value: string } | undefined {
  const parameters = spec.postgresql.parameters ?? {};
  let last: string | undefined;
  for (const key in parameters) if (key.toLowerCase() === name && (last === undefined || key > last)) last = key;
  return last === undefined ? undefined : { key: last, value: parameters[last]! };
}

interface CommandLineOption {
  /** What Patroni uses instead of a refused value. */
  fallback: string;
  /** Whether Patroni accepts the value, and the rule in words. */
  accepts: (value: string) => boolean;
  rule: string;
}

function atLeast(minimum: number, baseUnit?: MemoryBaseUnit): Pick<CommandLineOption, 'accepts' | 'rule'> {
  return {
    accepts: (value) => (patroniInteger(value, baseUnit) ?? -Infinity) >= minimum,
    rule: `an integer of at least ${minimum}${baseUnit ?? ''}`,
  };
}

const BOOLEAN: Pick<CommandLineOption, 'accepts' | 'rule'> = {
  accepts: (value) => patroniBoolean(value) !== undefined,
  rule: 'one of on, off, true, false, yes, no, 1, 0',
};

const WAL_LEVELS = ['hot_standby', 'replica', 'logical'];

/**
 * Patroni 4.0.4 patroni/postgresql/config.py `ConfigHandler.CMDLINE_OPTIONS`: Patroni passes these on
 * PostgreSQL's command line and, in patroni/config.py `Config._process_postgresql_parameters`, drops a
 * dynamic-configuration value its validator refuses, logging "failed validation, defaulting to" the
 * default kept from `Config.__DEFAULT_CONFIG`. (wal_keep_segments/wal_keep_size have no entry there;
 * patroni/postgresql/config.py `get_server_parameters` then derives 8 segments / 128MB.)
 */
const COMMAND_LINE_OPTIONS: Record<string, CommandLineOption> = {
  wal_level: { fallback: 'hot_standby', accepts: (value) => WAL_LEVELS.includes(value.toLowerCase()), rule: `one of ${WAL_LEVELS.join(', ')}` },
  hot_standby: { fallback: 'on', accepts: (value) => patroniBoolean(value) === true, rule: 'on' },
  max_connections: { fallback: '100', ...atLeast(25) },
  max_wal_senders: { fallback: '10', ...atLeast(3) },
  wal_keep_segments: { fallback: '8', ...atLeast(1) },
  wal_keep_size: { fallback: '128MB', ...atLeast(16, 'MB') },
  max_prepared_transactions: { fallback: '0', ...atLeast(0) },
  max_locks_per_transaction: { fallback: '64', ...atLeast(32) },
  track_commit_timestamp: { fallback: 'off', ...BOOLEAN },
  max_replication_slots: { fallback: '10', ...atLeast(4) },
  max_worker_processes: { fallback: '8', ...atLeast(2) },
  wal_log_hints: { fallback: 'on', ...BOOLEAN },
};

/**
 * The same table's entries with a validator that refuses everything: Patroni sets them itself in
 * patroni/postgresql/config.py `get_server_parameters` from `postgresql.listen` (Spilo's template:
 * '*:{PGPORT}', port 5432) and the scope (the cluster name).
 */
const SET_BY_PATRONI: Record<string, string> = {
  listen_addresses: "'*' (Spilo's postgresql.listen)",
  port: `${spilo.postgresPort} (Spilo's postgresql.listen)`,
  cluster_name: 'the cluster name (Patroni\'s scope)',
};

/** A command-line parameter's value as PostgreSQL will run with it: the manifest's if Patroni accepts it. */
export function effectiveParameter(spec: PostgresSpec, name: string): string {
  const option = COMMAND_LINE_OPTIONS[name]!;
  const given = parameter(spec, name);
  return given && option.accepts(given.value) ? given.value : option.fallback;
}

export function refusedParameters(cluster: Cluster): string[] {
  const warnings: string[] = [];
  for (const [key, value] of Object.entries(cluster.spec.postgresql.parameters ?? {})) {
    const name = key.toLowerCase();
    const path = `spec.postgresql.parameters.${key}`;
    const setBy = SET_BY_PATRONI[name];
    if (setBy) warnings.push(`${path}: Patroni ignores it and always sets ${name} to ${setBy}`);
    const option = COMMAND_LINE_OPTIONS[name];
    if (option && !option.accepts(value)) {
      warnings.push(`${path}: Patroni refuses "${value}" (it must be ${option.rule}) and starts PostgreSQL with ${name} = ${option.fallback}`);
    }
  }
  return warnings;
}

/**
 * patroni/postgresql/config.py `ConfigHandler.write_postgresql_conf` writes its own hba_file only
 * when none is set, and `replace_pg_hba` writes the pg_hba list only when hba_file is unset.
 */
export function hbaFileParameter(cluster: Cluster): string[] {
  const hbaFile = parameter(cluster.spec, 'hba_file');
  if (!hbaFile) return [];
  return [
    `spec.postgresql.parameters.${hbaFile.key}: Patroni stops writing pg_hba.conf, so neither spec.patroni.pg_hba nor Spilo's own rules are used; PostgreSQL reads "${hbaFile.value}", which must exist in the pod`,
  ];
}
