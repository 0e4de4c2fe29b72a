// Tolerations and affinity of database pods (zalando-objects.md §2.13).
import type { IAffinity } from 'kubernetes-models/v1/Affinity';
import type { INodeAffinity } from 'kubernetes-models/v1/NodeAffinity';
import type { INodeSelectorTerm } from 'kubernetes-models/v1/NodeSelectorTerm';
import type { IToleration } from 'kubernetes-models/v1/Toleration';
import type { OperatorConfig } from '../../schemas/config.js';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import { compact, sorted, type StringMap } from '../maps.js';

export function tolerations(spec: PostgresSpec, config: OperatorConfig): IToleration[] | undefined {
  if (spec.tolerations && spec.tolerations.length > 0) return spec.tolerations;
  const { key, operator, value, effect } = config.toleration;
  if (!key && !operator && !value && !effect) return undefined;
  return [compact({ key: key || undefined, operator: operator || undefined, value: value || undefined, effect: effect || undefined }) as IToleration];
}

/** The manifest's node affinity combined with the `node_readiness_label` term (keys sorted for stable output). */
export function nodeAffinity(spec: PostgresSpec, config: OperatorConfig, useManifest = true): INodeAffinity | undefined {
  // Copies only along the path that changes: the manifest's own objects are never modified.
  const affinity: INodeAffinity = { ...(useManifest ? spec.nodeAffinity : undefined) };
  const readiness = Object.entries(sorted(config.node_readiness_label));
  if (readiness.length > 0) {
    const expressions = readiness.map(([key, value]) => ({ key, operator: 'In' as const, values: [value] }));
    const required = affinity.requiredDuringSchedulingIgnoredDuringExecution;
    if (!required || required.nodeSelectorTerms.length === 0) {
      affinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [{ matchExpressions: expressions }] };
    } else if (config.node_readiness_label_merge === 'AND') {
      affinity.requiredDuringSchedulingIgnoredDuringExecution = {
        ...required,
        nodeSelectorTerms: required.nodeSelectorTerms.map((term: INodeSelectorTerm) => ({
          ...term,
          matchExpressions: [...(term.matchExpressions ?? []), ...expressions],
        })),
      };
    } else {
      affinity.requiredDuringSchedulingIgnoredDuringExecution = { ...required, nodeSelectorTerms: [...required.nodeSelectorTerms, { matchExpressions: expressions }] };
    }
  }
  return Object.keys(affinity).length > 0 ? affinity : undefined;
}

/** Node affinity plus, when `enable_pod_antiaffinity` is on, anti-affinity among pods with `labels`. */
export function affinity(nodes: INodeAffinity | undefined, labels: StringMap, config: OperatorConfig): IAffinity | undefined {
  const result: IAffinity = {};
  if (config.enable_pod_antiaffinity) {
    const term = { labelSelector: { matchLabels: sorted(labels) }, topologyKey: config.pod_antiaffinity_topology_key };
    result.podAntiAffinity = config.pod_antiaffinity_preferred_during_scheduling
      ? { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: term }] }
      : { requiredDuringSchedulingIgnoredDuringExecution: [term] };
  }
  if (nodes) result.nodeAffinity = nodes;
  return Object.keys(result).length > 0 ? result : undefined;
}
