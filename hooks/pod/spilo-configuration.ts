// SPILO_CONFIGURATION: the Patroni/Postgres settings Spilo reads at start (zalando-objects.md §2.7).
// Key order follows Zalando's output: struct fields in declaration order, map keys sorted.
import type { OperatorConfig } from '../../schemas/config.js';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import { compact, sorted } from '../maps.js';

/** Parameters Spilo applies locally; every other parameter goes to Patroni's DCS configuration. */
export const LOCAL_PARAMETERS = new Set([
  'archive_command', 'shared_buffers', 'logging_collector', 'log_destination', 'log_directory', 'log_filename',
  'log_file_mode', 'log_rotation_age', 'log_truncate_on_rotation', 'ssl', 'ssl_ca_file', 'ssl_crl_file', 'ssl_cert_file',
  'ssl_key_file', 'shared_preload_libraries', 'bg_mon.listen_address', 'bg_mon.history_buckets',
  'pg_stat_statements.track_utility', 'extwlist.extensions', 'extwlist.custom_path',
]);

const BARE_INITDB_OPTIONS = new Set(['data-checksums', 'debug', 'no-locale', 'noclean', 'nosync', 'sync-only']);

export function splitParameters(parameters: Record<string, string> = {}): { local: Record<string, string>; dcs: Record<string, string> } {
  const local: Record<string, string> = {};
  const dcs: Record<string, string> = {};
  for (const [name, value] of Object.entries(parameters)) (LOCAL_PARAMETERS.has(name) ? local : dcs)[name] = value;
  return { local: sorted(local), dcs: sorted(dcs) };
}

export function initdbOptions(initdb: Record<string, string> = {}): Array<string | Record<string, string>> {
  const options: Array<string | Record<string, string>> = [{ 'auth-host': 'scram-sha-256' }, { 'auth-local': 'trust' }];
  for (const [key, value] of Object.entries(sorted(initdb))) {
    const existing = options.find((o): o is Record<string, string> => typeof o === 'object' && key in o);
    if (existing && (key === 'auth-host' || key === 'auth-local')) existing[key] = value;
    else if (value === 'true' && BARE_INITDB_OPTIONS.has(key)) options.push(key);
    else options.push({ [key]: value });
  }
  return options;
}

/** Go marshals maximum_lag_on_failover through a float32, so large values lose precision there too. */
function float32(value: number): number {
  return Math.fround(value);
}

export function spiloConfiguration(spec: PostgresSpec, config: OperatorConfig): string {
  const patroni = spec.patroni ?? {};
  const { local, dcs } = splitParameters(spec.postgresql.parameters);
  const postgresql = compact({
    bin_dir: config.enable_pgversion_env_var ? undefined : `/usr/lib/postgresql/${spec.postgresql.version}/bin`,
    parameters: Object.keys(local).length > 0 ? local : undefined,
    pg_hba: patroni.pg_hba && patroni.pg_hba.length > 0 ? patroni.pg_hba : undefined,
  });
  const failsafe = patroni.failsafe_mode ?? config.enable_patroni_failsafe_mode;
  const dcsSection = compact({
    ttl: patroni.ttl || undefined,
    loop_wait: patroni.loop_wait || undefined,
    retry_timeout: patroni.retry_timeout || undefined,
    maximum_lag_on_failover: patroni.maximum_lag_on_failover ? float32(patroni.maximum_lag_on_failover) : undefined,
    synchronous_mode: patroni.synchronous_mode || undefined,
    synchronous_mode_strict: patroni.synchronous_mode_strict || undefined,
    synchronous_node_count: (patroni.synchronous_node_count ?? 0) >= 1 ? patroni.synchronous_node_count : undefined,
    postgresql: Object.keys(dcs).length > 0 ? { parameters: dcs } : undefined,
    slots: patroni.slots ? sorted(Object.fromEntries(Object.entries(patroni.slots).map(([k, v]) => [k, sorted(v)]))) : undefined,
    failsafe_mode: failsafe,
  });
  return JSON.stringify({ postgresql, bootstrap: { initdb: initdbOptions(patroni.initdb), dcs: dcsSection } });
}
