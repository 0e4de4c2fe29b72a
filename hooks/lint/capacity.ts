// Enough walsenders and replication slots for the members and permanent slots of the cluster.
import type { OperatorConfig } from '../../schemas/config.js';
import type { Cluster } from '../cluster.js';
import { instanceCount } from '../instances.js';
import { effectiveParameter } from './parameters.js';
import { patroniInteger } from './patroni-values.js';
import { createdPermanentSlots } from './slots.js';

/**
 * Every replica streams through a walsender of the primary and a physical slot Patroni creates for it
 * (Spilo's template sets use_slots: true; patroni/dcs/__init__.py `Cluster._get_members_slots`), and
 * permanent slots (`_merge_permanent_slots`) need slots too. PostgreSQL refuses a walsender above
 * max_wal_senders and a slot above max_replication_slots.
 */
export function replicationCapacity(cluster: Cluster, config: OperatorConfig): string[] {
  const replicas = instanceCount(cluster, config) - 1;
  const warnings: string[] = [];
  const senders = patroniInteger(effectiveParameter(cluster.spec, 'max_wal_senders')) ?? 0;
  if (replicas > senders) {
    warnings.push(`spec.postgresql.parameters.max_wal_senders: ${senders} walsenders cannot serve ${replicas} replicas; PostgreSQL refuses the replicas beyond that number`);
  }
  const neededSlots = Math.max(replicas, 0) + createdPermanentSlots(cluster.spec).length;
  const slots = patroniInteger(effectiveParameter(cluster.spec, 'max_replication_slots')) ?? 0;
  if (neededSlots > slots) {
    warnings.push(`spec.postgresql.parameters.max_replication_slots: ${slots} slots are fewer than the ${neededSlots} Patroni needs (one per other member and one per permanent slot); the slots beyond that number are not created and replicas that need them cannot stream`);
  }
  return warnings;
}
