// The primary and critical-operation PodDisruptionBudgets (zalando-objects.md §5).
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { OperatorConfig } from '../../schemas/config.js';
import { baseLabels, fullLabels, inheritedAnnotations, objectMeta, type Cluster } from '../cluster.js';
import { keptBySpec } from '../memo.js';
import { labelKeys, names } from '../names.js';
import { sorted } from '../maps.js';
import { isHibernated } from '../switches.js';

/** As Zalando's for a cluster of no instances: with no pods to protect, a budget would only read as violated. */
function budgetsDisabled(cluster: Cluster, config: OperatorConfig): boolean {
  return !config.enable_pod_disruption_budget || cluster.spec.numberOfInstances <= 0 || isHibernated(cluster.annotations);
}

function primaryMinAvailable(cluster: Cluster, config: OperatorConfig): number {
  if (budgetsDisabled(cluster, config)) return 0;
  const patroni = cluster.spec.patroni;
  if (!config.pdb_master_label_selector && patroni?.synchronous_mode_strict) return (patroni.synchronous_node_count ?? 0) + 1;
  return 1;
}

export const buildPodDisruptionBudgets = keptBySpec((cluster, config): IPodDisruptionBudget[] => {
  const labels = fullLabels(cluster, config);
  const annotations = inheritedAnnotations(cluster, config);
  const base = baseLabels(cluster, config);
  const primarySelector = config.pdb_master_label_selector ? sorted({ ...base, [config.pod_role_label]: 'master' }) : base;
  return [
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: objectMeta(cluster, names.primaryPdb(cluster.name, config), labels, annotations),
      spec: { minAvailable: primaryMinAvailable(cluster, config), selector: { matchLabels: primarySelector } },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: objectMeta(cluster, names.criticalOpPdb(cluster.name), labels, annotations),
      spec: {
        maxUnavailable: budgetsDisabled(cluster, config) ? '100%' : 0,
        selector: { matchLabels: sorted({ ...base, [labelKeys.criticalOperation]: 'true' }) },
      },
    },
  ];
});
