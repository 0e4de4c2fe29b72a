// How many database pods to run (zalando-objects.md §2.14).
import type { OperatorConfig } from '../schemas/config.js';
import type { Cluster } from './cluster.js';
import { isStandby } from './pod/spilo-env.js';

export function instanceCount(cluster: Cluster, config: OperatorConfig): number {
  const requested = cluster.spec.numberOfInstances;
  const optOut = config.ignore_instance_limits_annotation_key;
  if (optOut && cluster.annotations[optOut] === 'true') return requested;
  if (isStandby(cluster.spec) && requested === 1) return 1;
  let count = requested;
  if (config.max_instances >= 0 && count > config.max_instances) count = config.max_instances;
  if (config.min_instances >= 0 && count < config.min_instances) count = config.min_instances;
  return count;
}
