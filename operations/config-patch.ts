// Plans the Patroni configuration sync: from the live dynamic configuration (`GET /config`) and the
// desired one, the smallest JSON merge patch for `PATCH /config`, and what the restarts that may follow
// must respect. Pure: it reads nothing and calls nothing.
import type { DesiredDynamicConfig, StandbyCluster } from '../hooks/patroni/dynamic-config.js';
import type { DynamicConfig, JsonObject, JsonValue } from './patroni.js';

/**
 * Parameters PostgreSQL reads only at server start (context `postmaster`): those of PostgreSQL 15's
 * pg_settings, and those later versions added (src/backend/utils/misc/guc_parameters.dat).
 * A prediction for the plan; Patroni's `pending_restart` remains what decides a restart.
 */
const POSTMASTER_PARAMETERS = new Set([
  'archive_mode', 'autovacuum_freeze_max_age', 'autovacuum_max_workers', 'autovacuum_multixact_freeze_max_age',
  'autovacuum_worker_slots', 'bonjour', 'bonjour_name', 'cluster_name', 'commit_timestamp_buffers', 'config_file',
  'data_directory', 'data_sync_retry', 'debug_io_direct', 'dynamic_shared_memory_type', 'event_source', 'external_pid_file',
  'hba_file', 'hot_standby', 'huge_page_size', 'huge_pages', 'ident_file', 'ignore_invalid_pages', 'io_max_combine_limit',
  'io_max_concurrency', 'io_method', 'jit_provider', 'listen_addresses', 'logging_collector', 'max_active_replication_origins',
  'max_connections', 'max_files_per_process', 'max_locks_per_transaction', 'max_logical_replication_workers',
  'max_notify_queue_pages', 'max_pred_locks_per_transaction', 'max_prepared_transactions', 'max_replication_slots',
  'max_wal_senders', 'max_worker_processes', 'min_dynamic_shared_memory', 'multixact_member_buffers',
  'multixact_offset_buffers', 'notify_buffers', 'old_snapshot_threshold', 'port', 'recovery_target', 'recovery_target_action',
  'recovery_target_inclusive', 'recovery_target_lsn', 'recovery_target_name', 'recovery_target_time',
  'recovery_target_timeline', 'recovery_target_xid', 'reserved_connections', 'serializable_buffers', 'shared_buffers',
  'shared_memory_type', 'shared_preload_libraries', 'subtransaction_buffers', 'superuser_reserved_connections',
  'trace_connection_negotiation', 'track_activity_query_size', 'track_commit_timestamp', 'transaction_buffers',
  'unix_socket_directories', 'unix_socket_group', 'unix_socket_permissions', 'wal_buffers', 'wal_decode_buffer_size',
  'wal_level', 'wal_log_hints',
]);

/**
 * A standby replays WAL only while these are at least the primary's, so it keeps the primary's higher
 * value (and a pending restart) until the primary has restarted with a lower one. Values are Patroni's
 * defaults when the DCS does not name them (Patroni's ConfigHandler.CMDLINE_OPTIONS).
 */
const NOT_BELOW_PRIMARY: Record<string, number> = {
  max_connections: 100,
  max_prepared_transactions: 0,
  max_locks_per_transaction: 64,
  max_worker_processes: 8,
  max_wal_senders: 10,
};

export interface ParameterChange {
  name: string;
  /** The live value, undefined when the DCS does not name the parameter. */
  from: string | undefined;
  to: string;
}

export interface ConfigPlan {
  /** JSON merge patch for `PATCH /config`; undefined when the live configuration already matches. */
  patch?: JsonObject;
  parameters: ParameterChange[];
  /** Changed parameters PostgreSQL applies only when it restarts. */
  restartParameters: string[];
  /** Restart the primary before the replicas: only decreases of NOT_BELOW_PRIMARY parameters, no increase. */
  primaryFirst: boolean;
  /** The patch removes a standby_cluster section: the standby cluster's leader gets promoted. */
  promotes: boolean;
}

export interface PlanOptions {
  /** Slots an earlier manifest asked for: those gone from the manifest are removed. Others are left alone. */
  formerSlots?: Iterable<string>;
}

type JsonRecord = { [key: string]: JsonValue };

function isRecord(value: JsonValue | undefined): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Patroni keeps values as given (numbers, strings, booleans) and compares them as text. */
function text(value: JsonValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function flag(value: JsonValue | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const word = text(value)?.toLowerCase();
  if (word === undefined) return undefined;
  if (['true', 'on', 'yes', '1'].includes(word)) return true;
  if (['false', 'off', 'no', '0'].includes(word)) return false;
  return undefined;
}

function sameSlot(live: JsonValue | undefined, desired: Record<string, string>): boolean {
  if (!isRecord(live)) return false;
  const keys = new Set([...Object.keys(live), ...Object.keys(desired)]);
  return [...keys].every((key) => text(live[key]) === desired[key]);
}

/** A merge patch replaces the slot: keys the live slot has and the desired one lacks become null. */
function slotPatch(live: JsonValue | undefined, desired: Record<string, string>): JsonRecord {
  const extra = isRecord(live) ? Object.keys(live).filter((key) => !(key in desired)) : [];
  return { ...desired, ...Object.fromEntries(extra.map((key) => [key, null])) };
}

/** Patroni's own test for a standby cluster (patroni/utils.py is_standby_cluster). */
function isStandbySection(value: JsonValue | undefined): value is JsonRecord {
  return isRecord(value) && Boolean(value.host || value.port || value.restore_command);
}

const STANDBY_TARGET = ['host', 'port', 'primary_slot_name'] as const;

/** Like Zalando, the whole section is written whenever where it replicates from changes. */
function standbyPatch(live: JsonValue | undefined, desired: StandbyCluster | null): JsonValue | undefined {
  if (desired === null) return live === undefined || live === null ? undefined : null;
  const whole: JsonRecord = { ...desired };
  // Patroni stores a new section as sent, nulls included: send only what is set.
  if (!isRecord(live)) return Object.fromEntries(Object.entries(whole).filter(([, value]) => value !== null));
  const same = isStandbySection(live) && STANDBY_TARGET.every((key) => text(live[key]) === (desired[key] ?? undefined));
  return same ? undefined : whole;
}

function restartOrder(changes: ParameterChange[]): boolean {
  const moves = changes.flatMap(({ name, from, to }) => {
    if (!(name in NOT_BELOW_PRIMARY)) return [];
    const [before, after] = [Number(from ?? NOT_BELOW_PRIMARY[name]), Number(to)];
    return Number.isInteger(before) && Number.isInteger(after) && before !== after ? [after < before ? 'down' : 'up'] : [];
  });
  return moves.includes('down') && !moves.includes('up');
}

export function planConfigPatch(live: DynamicConfig, desired: DesiredDynamicConfig, options: PlanOptions = {}): ConfigPlan {
  const patch: JsonRecord = {};

  for (const key of ['ttl', 'loop_wait', 'retry_timeout', 'maximum_lag_on_failover'] as const) {
    const value = desired[key];
    if (value !== undefined && text(live[key]) !== String(value)) patch[key] = value;
  }
  for (const key of ['synchronous_mode', 'synchronous_mode_strict'] as const) {
    // Absent means off; a value that is no boolean (Patroni 4's `quorum`) is not what the manifest says.
    const current = text(live[key]) === undefined ? false : flag(live[key]);
    if (current !== desired[key]) patch[key] = desired[key];
  }
  const nodeCount = desired.synchronous_node_count;
  if (nodeCount === null ? text(live.synchronous_node_count) !== undefined : text(live.synchronous_node_count) !== String(nodeCount)) {
    patch.synchronous_node_count = nodeCount;
  }
  if (desired.failsafe_mode !== undefined && flag(live.failsafe_mode) !== desired.failsafe_mode) patch.failsafe_mode = desired.failsafe_mode;

  const livePostgresql = isRecord(live.postgresql) ? live.postgresql : {};
  const liveParameters = isRecord(livePostgresql.parameters) ? livePostgresql.parameters : {};
  const parameters = Object.entries(desired.parameters)
    .filter(([name, value]) => text(liveParameters[name]) !== value)
    .map(([name, to]) => ({ name, from: text(liveParameters[name]), to }));
  const postgresql: JsonRecord = {};
  if (parameters.length > 0) postgresql.parameters = Object.fromEntries(parameters.map((p) => [p.name, p.to]));
  if (desired.pg_hba && text(livePostgresql.pg_hba) !== JSON.stringify(desired.pg_hba)) postgresql.pg_hba = desired.pg_hba;
  if (Object.keys(postgresql).length > 0) patch.postgresql = postgresql;

  const liveSlots = isRecord(live.slots) ? live.slots : {};
  const slots: JsonRecord = {};
  for (const [name, slot] of Object.entries(desired.slots)) {
    if (!sameSlot(liveSlots[name], slot)) slots[name] = slotPatch(liveSlots[name], slot);
  }
  for (const name of options.formerSlots ?? []) {
    if (!(name in desired.slots) && name in liveSlots) slots[name] = null;
  }
  if (Object.keys(slots).length > 0) patch.slots = slots;

  const standby = desired.standby_cluster === undefined ? undefined : standbyPatch(live.standby_cluster, desired.standby_cluster);
  if (standby !== undefined) patch.standby_cluster = standby;

  return {
    ...(Object.keys(patch).length > 0 ? { patch } : {}),
    parameters,
    restartParameters: parameters.map((p) => p.name).filter((name) => POSTMASTER_PARAMETERS.has(name)),
    primaryFirst: restartOrder(parameters),
    promotes: standby === null && isStandbySection(live.standby_cluster),
  };
}
