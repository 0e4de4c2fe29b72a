// The connection pooler's settings, from the manifest's connectionPooler section over the
// configuration: shared by the pooler builder and the setup state (the lookup function's schema and user).
import type { OperatorConfig } from '../schemas/config.js';
import type { Cluster } from './cluster.js';
import { poolerUserName } from './roles/model.js';

export interface PoolerSettings { instances: number; mode: string; schema: string; user: string; image: string; maxDbConnections: number }

export function poolerSettings(cluster: Cluster, config: OperatorConfig): PoolerSettings {
  const section = cluster.spec.connectionPooler;
  return {
    instances: section?.numberOfInstances ?? config.connection_pooler_number_of_instances ?? 1,
    mode: section?.mode ?? config.connection_pooler_mode,
    schema: section?.schema || config.connection_pooler_schema,
    user: poolerUserName(cluster.spec, config),
    image: section?.dockerImage || config.connection_pooler_image,
    maxDbConnections: section?.maxDBConnections ?? config.connection_pooler_max_db_connections,
  };
}

/** Zalando's pool arithmetic: integer division over the (unclamped) instance count. */
export function poolSizes(settings: PoolerSettings) {
  const maxDbConnections = Math.trunc(settings.maxDbConnections / settings.instances);
  const defaultSize = Math.trunc(maxDbConnections / 2);
  const minSize = Math.trunc(defaultSize / 2);
  return { maxDbConnections, defaultSize, minSize, reserveSize: minSize };
}
