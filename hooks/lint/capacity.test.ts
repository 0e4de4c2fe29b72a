import t from 'tap';
import { defaultConfig } from '../config.js';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import { clusterWith } from '../../test/support.js';
import { replicationCapacity } from './capacity.js';

const capacity = (spec: Partial<PostgresSpec>) => replicationCapacity(clusterWith(spec), defaultConfig());
const parameters = (values: Record<string, string>) => ({ postgresql: { version: '18' as const, parameters: values } });

t.test('too few walsenders for the replicas', async (t) => {
  t.same(capacity({ numberOfInstances: 5, ...parameters({ max_wal_senders: '3' }) }), [
    'spec.postgresql.parameters.max_wal_senders: 3 walsenders cannot serve 4 replicas; PostgreSQL refuses the replicas beyond that number',
  ]);
  t.same(capacity({ numberOfInstances: 4, ...parameters({ max_wal_senders: '3' }) }), []);
  t.same(capacity({ numberOfInstances: 5, ...parameters({ max_wal_senders: '2' }) }), [], 'Patroni refuses 2 and runs with 10');
});

t.test('too few slots for the other members and the permanent slots', async (t) => {
  const slots = { a: { type: 'physical' }, b: {} };
  t.same(capacity({ numberOfInstances: 4, ...parameters({ max_replication_slots: '4' }), patroni: { slots } }), [
    'spec.postgresql.parameters.max_replication_slots: 4 slots are fewer than the 5 Patroni needs (one per other member and one per permanent slot); the slots beyond that number are not created and replicas that need them cannot stream',
  ]);
  t.same(capacity({ numberOfInstances: 3, ...parameters({ max_replication_slots: '4' }), patroni: { slots } }), []);
  const logical = { l: { type: 'logical', database: 'app', plugin: 'pgoutput' } };
  t.equal(capacity({ numberOfInstances: 4, ...parameters({ max_replication_slots: '4' }), patroni: { slots: { ...slots, ...logical } } }).length, 1);
  t.same(capacity({ numberOfInstances: 3, ...parameters({ max_replication_slots: '4' }), patroni: { slots: { ...slots, ...logical } } }), [],
    'a logical slot that is never created (wal_level replica) takes no slot');
});

t.test("Spilo's defaults serve clusters up to eleven instances", async (t) => {
  t.same(capacity({ numberOfInstances: 11 }), []);
  t.equal(capacity({ numberOfInstances: 12 }).length, 2);
  t.same(capacity({ numberOfInstances: 0 }), []);
});
