// Permanent replication slots (spec.patroni.slots) as Patroni 4.0.4 treats them:
// patroni/dcs/__init__.py `Cluster._merge_permanent_slots`, `is_logical_slot` and `_get_permanent_slots`.
import type { PostgresSpec } from '../../schemas/postgresql.js';
import type { Cluster } from '../cluster.js';
import { isStandby } from '../pod/spilo-env.js';
import { effectiveParameter } from './parameters.js';

type SlotKind = 'physical' | 'logical' | 'bad name' | 'bad value';

/** patroni/dcs/__init__.py `slot_name_re`. */
const SLOT_NAME = /^[a-z0-9_]{1,63}$/;

/** An empty value is a physical slot; without `type`, database and plugin make it logical. */
function slotKind(name: string, value: Record<string, string>): SlotKind {
  if (!SLOT_NAME.test(name)) return 'bad name';
  const type = value.type ?? (value.database && value.plugin ? 'logical' : 'physical');
  if (type === 'physical') return 'physical';
  if (type === 'logical' && value.database && value.plugin) return 'logical';
  return 'bad value';
}

function slotsOf(spec: PostgresSpec): Array<{ name: string; value: Record<string, string>; kind: SlotKind }> {
  return Object.entries(spec.patroni?.slots ?? {}).map(([name, value]) => ({ name, value, kind: slotKind(name, value) }));
}

/** PostgreSQL refuses pg_create_logical_replication_slot unless wal_level is logical. */
function logicalWal(spec: PostgresSpec): boolean {
  return effectiveParameter(spec, 'wal_level').toLowerCase() === 'logical';
}

/** The permanent slots Patroni creates on the primary. */
export function createdPermanentSlots(spec: PostgresSpec): string[] {
  const logical = logicalWal(spec) && !isStandby(spec);
  return slotsOf(spec).filter((s) => s.kind === 'physical' || (s.kind === 'logical' && logical)).map((s) => s.name);
}

/** `_merge_permanent_slots` logs an error and skips a slot with a bad name or value. */
export function malformedSlots(cluster: Cluster): string[] {
  return slotsOf(cluster.spec).flatMap(({ name, value, kind }) => {
    const path = `spec.patroni.slots.${name}`;
    if (kind === 'bad name') return [`${path}: Patroni accepts only slot names of 1 to 63 lower-case letters, digits and underscores and never creates this slot`];
    if (kind !== 'bad value') return [];
    if (value.type === 'logical') return [`${path}: a logical slot needs both database and plugin; Patroni never creates this slot`];
    return [`${path}: type "${value.type}" is neither physical nor logical; Patroni never creates this slot`];
  });
}

/**
 * A standby cluster gets only physical permanent slots (`_get_permanent_slots`); elsewhere Patroni's
 * patroni/postgresql/slots.py `SlotsHandler._ensure_logical_slots_primary` calls
 * pg_create_logical_replication_slot, which PostgreSQL refuses unless wal_level is logical (Spilo's
 * template sets hot_standby), and logs the failure on every loop.
 */
export function uncreatableLogicalSlots(cluster: Cluster): string[] {
  const spec = cluster.spec;
  const logical = slotsOf(spec).filter((s) => s.kind === 'logical');
  if (logical.length === 0) return [];
  if (isStandby(spec)) {
    return logical.map((s) => `spec.patroni.slots.${s.name}: a standby cluster gets only physical permanent slots; Patroni never creates this logical slot`);
  }
  if (logicalWal(spec)) return [];
  const walLevel = effectiveParameter(spec, 'wal_level');
  return logical.map((s) => `spec.patroni.slots.${s.name}: a logical slot needs wal_level = logical, but PostgreSQL runs with wal_level = ${walLevel}; the slot is never created (set spec.postgresql.parameters.wal_level: logical)`);
}
