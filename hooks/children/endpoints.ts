// Endpoints for the Services when Patroni keeps its state in Endpoints or etcd (zalando-objects.md
// §3.4). Patroni writes their addresses, so `subsets` is never part of what we declare.
import type { IEndpoints } from 'kubernetes-models/v1/Endpoints';
import type { OperatorConfig } from '../../schemas/config.js';
import { fullLabels, inheritedAnnotations, objectMeta, withRole, type Cluster } from '../cluster.js';
import { names, type Role } from '../names.js';
import { usesConfigMaps } from '../pod/spilo-env.js';

function endpoints(cluster: Cluster, config: OperatorConfig, role: Role): IEndpoints {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: objectMeta(cluster, names.endpoints(cluster.name, role), withRole(fullLabels(cluster, config), config, role), inheritedAnnotations(cluster, config)),
  };
}

export function buildEndpoints(cluster: Cluster, config: OperatorConfig): IEndpoints[] {
  if (usesConfigMaps(config)) return [];
  return [endpoints(cluster, config, 'master'), endpoints(cluster, config, 'replica')];
}
