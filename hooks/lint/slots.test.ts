import t from 'tap';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import { clusterWith } from '../../test/support.js';
import { createdPermanentSlots, malformedSlots, uncreatableLogicalSlots } from './slots.js';

const withSlots = (slots: Record<string, Record<string, string>>, spec: Partial<PostgresSpec> = {}) => clusterWith({ ...spec, patroni: { slots } });
const logicalWal = { postgresql: { version: '18' as const, parameters: { wal_level: 'logical' } } };
const cdc = { type: 'logical', database: 'app', plugin: 'pgoutput' };

t.test('slots Patroni skips for their name or value', async (t) => {
  t.same(malformedSlots(withSlots({ 'My-Slot': {}, half: { type: 'logical', database: 'app' }, odd: { type: 'Physical' } })), [
    'spec.patroni.slots.My-Slot: Patroni accepts only slot names of 1 to 63 lower-case letters, digits and underscores and never creates this slot',
    'spec.patroni.slots.half: a logical slot needs both database and plugin; Patroni never creates this slot',
    'spec.patroni.slots.odd: type "Physical" is neither physical nor logical; Patroni never creates this slot',
  ]);
  t.same(malformedSlots(withSlots({ ha_slot: {}, phys: { type: 'physical' }, cdc, inferred: { database: 'app', plugin: 'wal2json' } })), []);
});

t.test('logical slots while wal_level is not logical are never created', async (t) => {
  t.same(uncreatableLogicalSlots(withSlots({ cdc, phys: { type: 'physical' } })), [
    'spec.patroni.slots.cdc: a logical slot needs wal_level = logical, but PostgreSQL runs with wal_level = hot_standby; the slot is never created (set spec.postgresql.parameters.wal_level: logical)',
  ]);
  t.match(uncreatableLogicalSlots(withSlots({ inferred: { database: 'app', plugin: 'wal2json' } }, { postgresql: { version: '18' as const, parameters: { wal_level: 'replica' } } })),
    [/slots\.inferred: .* wal_level = replica;/], 'database and plugin without type make a logical slot');
  t.same(uncreatableLogicalSlots(withSlots({ cdc }, logicalWal)), []);
  t.same(uncreatableLogicalSlots(withSlots({ cdc }, { postgresql: { version: '18' as const, parameters: { wal_level: 'LOGICAL' } } })), []);
  t.same(uncreatableLogicalSlots(withSlots({ phys: { type: 'physical' } })), []);
});

t.test('a standby cluster gets only physical permanent slots', async (t) => {
  t.same(uncreatableLogicalSlots(withSlots({ cdc }, { ...logicalWal, standby: { standby_host: 'acid-primary' } })), [
    'spec.patroni.slots.cdc: a standby cluster gets only physical permanent slots; Patroni never creates this logical slot',
  ]);
  t.same(createdPermanentSlots(withSlots({ cdc, phys: {} }, { ...logicalWal, standby: { standby_host: 'acid-primary' } }).spec), ['phys']);
  t.same(createdPermanentSlots(withSlots({ cdc, phys: {}, 'Bad-Name': {} }, logicalWal).spec), ['cdc', 'phys']);
});
