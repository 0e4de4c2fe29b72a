// The PodMonitor (Prometheus Operator, monitoring.coreos.com/v1) that scrapes the exporter of every
// database pod, answered only with `enable_pod_monitor` (and the exporter) on: Metacontroller must claim
// podmonitors for it, which needs that CRD installed (README, Metrics).
import type { KubeObject } from '../../schemas/hook.js';
import { baseLabels, fullLabels, inheritedAnnotations, objectMeta } from '../cluster.js';
import { keptBySpec } from '../memo.js';
import { labelKeys, names } from '../names.js';
import { EXPORTER_PORT } from '../pod/exporter.js';

export const buildPodMonitors = keptBySpec((cluster, config): KubeObject[] => {
  if (!config.enable_pod_monitor || !config.enable_postgres_exporter) return [];
  return [{
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: objectMeta(cluster, names.podMonitor(cluster.name), fullLabels(cluster, config), inheritedAnnotations(cluster, config)),
    spec: {
      selector: { matchLabels: baseLabels(cluster, config) },
      podMetricsEndpoints: [{ port: EXPORTER_PORT.name, path: '/metrics' }],
      // Every series then says which cluster, team and member role (master/replica) it comes from.
      podTargetLabels: [...new Set([config.cluster_name_label, labelKeys.team, config.pod_role_label])].sort(),
    },
  }];
});
