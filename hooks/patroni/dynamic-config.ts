// Patroni's dynamic configuration (the part kept in the DCS) as the manifest asks for it: written once
// into Spilo's `bootstrap.dcs`, and afterwards kept in sync through Patroni's `PATCH /config` the way
// Zalando's operator does (zalando-objects.md §2.7, §12; pkg/cluster/sync.go
// checkAndSetGlobalPostgreSQLConfiguration and syncStandbyClusterConfiguration).
import type { OperatorConfig } from '../../schemas/config.js';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import { compact, nonEmptyList, sorted } from '../maps.js';
import { isStandbyByEnvironment } from '../standby.js';

/** Parameters Spilo applies locally; every other parameter goes to Patroni's DCS configuration. */
export const LOCAL_PARAMETERS = new Set([
  'archive_command', 'shared_buffers', 'logging_collector', 'log_destination', 'log_directory', 'log_filename',
  'log_file_mode', 'log_rotation_age', 'log_truncate_on_rotation', 'ssl', 'ssl_ca_file', 'ssl_crl_file', 'ssl_cert_file',
  'ssl_key_file', 'shared_preload_libraries', 'bg_mon.listen_address', 'bg_mon.history_buckets',
  'pg_stat_statements.track_utility', 'extwlist.extensions', 'extwlist.custom_path',
]);

export function splitParameters(parameters: Record<string, string> = {}): { local: Record<string, string>; dcs: Record<string, string> } {
  const local: Record<string, string> = {};
  const dcs: Record<string, string> = {};
  for (const [name, value] of Object.entries(parameters)) (LOCAL_PARAMETERS.has(name) ? local : dcs)[name] = value;
  return { local: sorted(local), dcs: sorted(dcs) };
}

export type Slots = Record<string, Record<string, string>>;

/** Spilo's `bootstrap.dcs`, in Zalando's field order; fields at their zero value are left out. */
export interface BootstrapDcs {
  ttl?: number;
  loop_wait?: number;
  retry_timeout?: number;
  maximum_lag_on_failover?: number;
  synchronous_mode?: true;
  synchronous_mode_strict?: true;
  synchronous_node_count?: number;
  postgresql?: { parameters: Record<string, string> };
  slots?: Slots;
  failsafe_mode?: boolean;
}

export interface StandbyCluster {
  host: string | null;
  port: string | null;
  primary_slot_name: string | null;
  create_replica_methods: string[];
  restore_command: string;
}

/**
 * The dynamic configuration a running cluster should have. A field left undefined is not the
 * manifest's to decide and stays as it is in the DCS.
 */
export interface DesiredDynamicConfig {
  ttl?: number;
  loop_wait?: number;
  retry_timeout?: number;
  maximum_lag_on_failover?: number;
  synchronous_mode: boolean;
  synchronous_mode_strict: boolean;
  /** null: Patroni's default (the key absent). */
  synchronous_node_count: number | null;
  failsafe_mode?: boolean;
  /** Set where they differ; parameters the manifest does not name are left alone. */
  parameters: Record<string, string>;
  /** Patroni's `postgresql.pg_hba` (Spilo's local list wins over it inside its pods). */
  pg_hba?: string[];
  slots: Slots;
  /** null: not a standby (removing the section promotes). Undefined: a standby by `env` only, not ours to change. */
  standby_cluster?: StandbyCluster | null;
}

/** Go marshals maximum_lag_on_failover through a float32, so large values lose precision there too. */
function float32(value: number): number {
  return Math.fround(value);
}

export function bootstrapDcs(spec: PostgresSpec, config: OperatorConfig): BootstrapDcs {
  const patroni = spec.patroni ?? {};
  const { dcs } = splitParameters(spec.postgresql.parameters);
  return compact<BootstrapDcs>({
    ttl: patroni.ttl || undefined,
    loop_wait: patroni.loop_wait || undefined,
    retry_timeout: patroni.retry_timeout || undefined,
    maximum_lag_on_failover: patroni.maximum_lag_on_failover ? float32(patroni.maximum_lag_on_failover) : undefined,
    synchronous_mode: patroni.synchronous_mode || undefined,
    synchronous_mode_strict: patroni.synchronous_mode_strict || undefined,
    synchronous_node_count: (patroni.synchronous_node_count ?? 0) >= 1 ? patroni.synchronous_node_count : undefined,
    postgresql: Object.keys(dcs).length > 0 ? { parameters: dcs } : undefined,
    slots: patroni.slots ? sorted(Object.fromEntries(Object.entries(patroni.slots).map(([k, v]) => [k, sorted(v)]))) : undefined,
    failsafe_mode: patroni.failsafe_mode ?? config.enable_patroni_failsafe_mode,
  });
}

/** Zalando's standby section as it patches it; the restore command reads Spilo's standby WAL environment. */
function standbyCluster(spec: PostgresSpec): StandbyCluster | null | undefined {
  const standby = spec.standby;
  if (!standby) return isStandbyByEnvironment(spec) ? undefined : null;
  return {
    host: standby.standby_host || null,
    port: standby.standby_port || null,
    primary_slot_name: standby.standby_primary_slot_name || null,
    create_replica_methods: ['bootstrap_standby_with_wale', 'basebackup_fast_xlog'],
    restore_command: 'envdir "/run/etc/wal-e.d/env-standby" /scripts/restore_command.sh "%f" "%p"',
  };
}

export function desiredDynamicConfig(spec: PostgresSpec, config: OperatorConfig): DesiredDynamicConfig {
  const { postgresql, slots, synchronous_mode, synchronous_mode_strict, synchronous_node_count, ...scalars } = bootstrapDcs(spec, config);
  // Zalando forces logical decoding for event streams at sync time, not in the bootstrap section.
  const streams: Record<string, string> = (spec.streams?.length ?? 0) > 0 ? { wal_level: 'logical' } : {};
  return compact<DesiredDynamicConfig>({
    ...scalars,
    synchronous_mode: synchronous_mode ?? false,
    synchronous_mode_strict: synchronous_mode_strict ?? false,
    synchronous_node_count: synchronous_node_count ?? null,
    parameters: sorted({ ...postgresql?.parameters, ...streams }),
    pg_hba: nonEmptyList(spec.patroni?.pg_hba),
    slots: slots ?? {},
    standby_cluster: standbyCluster(spec),
  });
}
