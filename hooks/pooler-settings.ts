// The connection pooler's settings, from the manifest's connectionPooler section over the
// configuration: shared by the pooler builder and the setup state (the lookup function's schema and user).
import type { OperatorConfig } from '../schemas/config.js';
import { baseLabels, type Cluster } from './cluster.js';
import { sorted, type StringMap } from './maps.js';
import { labelKeys, names } from './names.js';
import { poolerUserName } from './roles/model.js';

const POOLER_APPLICATION = 'db-connection-pooler';

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

/** The labels of a pooler's pods and Service (and its Endpoints' copy of them). */
export function poolerSelectorLabels(cluster: Pick<Cluster, 'name'>, config: OperatorConfig, role: 'master' | 'replica'): StringMap {
  return sorted({ ...baseLabels(cluster, config), [labelKeys.application]: POOLER_APPLICATION, [labelKeys.connectionPooler]: names.pooler(cluster.name, role) });
}
