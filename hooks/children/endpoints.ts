// Endpoints for the Services when Patroni keeps its state in Endpoints or etcd (zalando-objects.md
// §3.4). Patroni writes their addresses, so `subsets` is never part of what we declare. Then Endpoints
// are a child kind, and the pooler Services' Endpoints are answered too: the Endpoints controller copies
// a selector Service's labels (Metacontroller's controller-uid among them) onto its Endpoints, so
// Metacontroller would claim them and, unanswered, delete them, over and over. Answered with the
// Service's labels and no subsets (the controller writes those), they stay as the controller keeps them.
import type { IEndpoints } from 'kubernetes-models/v1/Endpoints';
import type { OperatorConfig } from '../../schemas/config.js';
import { fullLabels, inheritedAnnotations, objectMeta, withRole, type Cluster } from '../cluster.js';
import { keptBySpec } from '../memo.js';
import { names, type Role } from '../names.js';
import { usesConfigMaps } from '../pod/spilo-env.js';
import { poolerSelectorLabels } from '../pooler-settings.js';
import { isPoolerEnabled } from '../roles/model.js';

function endpoints(cluster: Cluster, config: OperatorConfig, role: Role): IEndpoints {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: objectMeta(cluster, names.endpoints(cluster.name, role), withRole(fullLabels(cluster, config), config, role), inheritedAnnotations(cluster, config)),
  };
}

function poolerEndpoints(cluster: Cluster, config: OperatorConfig, role: Role): IEndpoints {
  return { apiVersion: 'v1', kind: 'Endpoints', metadata: objectMeta(cluster, names.pooler(cluster.name, role), poolerSelectorLabels(cluster, config, role)) };
}

export const buildEndpoints = keptBySpec((cluster, config): IEndpoints[] => {
  if (usesConfigMaps(config)) return [];
  const poolers = (['master', 'replica'] as const).filter((role) => isPoolerEnabled(cluster.spec, role)).map((role) => poolerEndpoints(cluster, config, role));
  return [endpoints(cluster, config, 'master'), endpoints(cluster, config, 'replica'), ...poolers];
});
