// The Patroni settings of spec.patroni that reach bootstrap.dcs (hooks/pod/spilo-configuration.ts),
// as Patroni 4.0.4 applies them.
import type { OperatorConfig } from '../../schemas/config.js';
import type { Cluster } from '../cluster.js';
import { instanceCount } from '../instances.js';
import { isStandby } from '../pod/spilo-env.js';

type Timeout = 'ttl' | 'loop_wait' | 'retry_timeout';

/** Spilo's configure_spilo.py TEMPLATE, bootstrap.dcs: what fills in a value the manifest leaves out (or 0). */
const SPILO_TIMEOUTS: Record<Timeout, number> = { ttl: 30, loop_wait: 10, retry_timeout: 10 };

/** patroni/config.py `Config._validate_and_adjust_timeouts`: the smallest values Patroni keeps. */
const PATRONI_MINIMUM: Record<Timeout, number> = { ttl: 20, loop_wait: 1, retry_timeout: 3 };

/**
 * patroni/config.py `Config._validate_and_adjust_timeouts` raises each value to its minimum, then
 * enforces loop_wait + 2 × retry_timeout <= ttl by lowering loop_wait, and retry_timeout too when
 * loop_wait 1 is not enough.
 */
export function patroniTimeouts(cluster: Cluster): string[] {
  const patroni = cluster.spec.patroni ?? {};
  const warnings: string[] = [];
  const effective = {} as Record<Timeout, number>;
  const described = {} as Record<Timeout, string>;
  for (const name of ['loop_wait', 'retry_timeout', 'ttl'] as const) {
    const given = patroni[name] || undefined;
    const value = given ?? SPILO_TIMEOUTS[name];
    if (value < PATRONI_MINIMUM[name]) {
      warnings.push(`spec.patroni.${name}: ${value} is below Patroni's minimum ${PATRONI_MINIMUM[name]}; Patroni uses ${PATRONI_MINIMUM[name]}`);
    }
    effective[name] = Math.max(value, PATRONI_MINIMUM[name]);
    described[name] = given === undefined ? `${effective[name]} (Spilo's default)` : String(effective[name]);
  }
  const { ttl, loop_wait: loopWait, retry_timeout: retryTimeout } = effective;
  const violation = `spec.patroni: loop_wait ${described.loop_wait} + 2 × retry_timeout ${described.retry_timeout} exceeds ttl ${described.ttl}`;
  if (PATRONI_MINIMUM.loop_wait + 2 * retryTimeout > ttl) {
    warnings.push(`${violation}; Patroni lowers loop_wait to ${PATRONI_MINIMUM.loop_wait} and retry_timeout to ${Math.floor((ttl - PATRONI_MINIMUM.loop_wait) / 2)}`);
  } else if (loopWait + 2 * retryTimeout > ttl) {
    warnings.push(`${violation}; Patroni lowers loop_wait to ${ttl - 2 * retryTimeout}`);
  }
  return warnings;
}

/**
 * patroni/ha.py `Ha.is_lagging`: a replica whose lag behind the last known primary position exceeds
 * maximum_lag_on_failover does not take part in a failover. Below zero, a replica that has replayed
 * everything still counts as lagging. (0 is left out of SPILO_CONFIGURATION, so Spilo's 33554432 applies.)
 */
export function negativeFailoverLag(cluster: Cluster): string[] {
  const lag = cluster.spec.patroni?.maximum_lag_on_failover ?? 0;
  if (lag >= 0) return [];
  return [`spec.patroni.maximum_lag_on_failover: ${lag} makes every replica count as lagging, so Patroni never fails over to one automatically`];
}

/**
 * patroni/global_config.py: `is_synchronous_mode` is false in a standby cluster, `synchronous_node_count`
 * defaults to 1; patroni/ha.py `Ha.process_sync_replication` manages synchronous standbys only in
 * synchronous mode, `_process_multisync_replication` sets synchronous_standby_names to '*' in strict mode
 * when no replica is available; patroni/postgresql/sync.py `SyncHandler.current_state` picks synchronous
 * standbys among the running replicas only.
 */
export function synchronousReplication(cluster: Cluster, config: OperatorConfig): string[] {
  const patroni = cluster.spec.patroni ?? {};
  if (!patroni.synchronous_mode) {
    return patroni.synchronous_mode_strict
      ? ['spec.patroni.synchronous_mode_strict: has no effect without synchronous_mode: true (Patroni manages synchronous replication only in synchronous mode)']
      : [];
  }
  if (isStandby(cluster.spec)) return ['spec.patroni.synchronous_mode: Patroni ignores it in a standby cluster, whose members replicate asynchronously'];
  const instances = instanceCount(cluster, config);
  if (instances <= 0) return [];
  const replicas = instances - 1;
  if (replicas === 0) {
    return [patroni.synchronous_mode_strict
      ? "spec.patroni.synchronous_mode_strict: with a single instance there is no replica; Patroni sets synchronous_standby_names to '*', so every write transaction waits for a standby that never comes"
      : 'spec.patroni.synchronous_mode: with a single instance there is no replica, so no commit is synchronous'];
  }
  const wanted = (patroni.synchronous_node_count ?? 0) >= 1 ? (patroni.synchronous_node_count as number) : 1;
  if (wanted <= replicas) return [];
  return [`spec.patroni.synchronous_node_count: ${wanted} synchronous standbys are asked for but ${instances} instances have only ${replicas} replicas; Patroni makes at most ${replicas} synchronous`];
}
