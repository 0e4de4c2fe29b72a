// The parent `postgresql` resolved once per call: identity, spec, and the label and annotation sets
// Zalando derives from it (zalando-objects.md §1.3, §1.4).
import { hash } from 'node:crypto';
import type { OperatorConfig } from '../schemas/config.js';
import type { PostgresSpec } from '../schemas/postgresql.js';
import type { ParentEnvelope } from '../schemas/hook.js';
import { labelKeys, annotationKeys, type Role } from './names.js';
import { nonEmpty, sorted, type StringMap } from './maps.js';
import { readPreviousStatus, type PreviousStatus } from './status.js';

export interface Cluster {
  name: string;
  namespace: string;
  uid: string;
  generation: number | undefined;
  labels: StringMap;
  annotations: StringMap;
  spec: PostgresSpec;
  status: PreviousStatus | undefined;
}

export function clusterOf(parent: ParentEnvelope, spec: PostgresSpec): Cluster {
  return {
    name: parent.metadata.name,
    namespace: parent.metadata.namespace,
    uid: parent.metadata.uid ?? '',
    generation: parent.metadata.generation,
    labels: parent.metadata.labels ?? {},
    annotations: parent.metadata.annotations ?? {},
    spec,
    status: readPreviousStatus(parent.status),
  };
}

const digests = new WeakMap<Cluster, string>();

/**
 * A digest of everything of the cluster but its generation and status (which change with nearly every answer and
 * which nothing built from the spec reads), taken once per Cluster: the key of what hooks/memo.ts keeps.
 */
export function clusterDigest(cluster: Cluster): string {
  let digest = digests.get(cluster);
  if (digest === undefined) {
    const { name, namespace, uid, labels, annotations, spec } = cluster;
    digest = hash('sha256', JSON.stringify([name, namespace, uid, labels, annotations, spec]), 'base64');
    digests.set(cluster, digest);
  }
  return digest;
}

/** `cluster_labels` plus the cluster-name label: what selectors match on. */
export function baseLabels(cluster: Pick<Cluster, 'name'>, config: OperatorConfig): StringMap {
  return sorted({ ...config.cluster_labels, [config.cluster_name_label]: cluster.name });
}

/** Base labels plus team and the parent labels listed in `inherited_labels`. */
export function fullLabels(cluster: Cluster, config: OperatorConfig): StringMap {
  const labels: StringMap = { ...baseLabels(cluster, config), [labelKeys.team]: cluster.spec.teamId };
  for (const key of config.inherited_labels) {
    const value = cluster.labels[key];
    if (value !== undefined) labels[key] = value;
  }
  return sorted(labels);
}

export function withRole(labels: StringMap, config: OperatorConfig, role: Role): StringMap {
  return sorted({ ...labels, [config.pod_role_label]: role });
}

/** `base` overlaid with the parent annotations listed in `inherited_annotations`. */
export function inheritedAnnotations(cluster: Cluster, config: OperatorConfig, base: StringMap = {}): StringMap | undefined {
  const annotations: StringMap = { ...base };
  for (const key of config.inherited_annotations) {
    const value = cluster.annotations[key];
    if (value !== undefined) annotations[key] = value;
  }
  return nonEmpty(annotations);
}

function matchesAny(key: string, patterns: string[]): boolean {
  return patterns.some((pattern) => {
    try {
      return new RegExp(pattern).test(key);
    } catch {
      return false;
    }
  });
}

/** Inherited annotations plus those matching `downscaler_annotations` (StatefulSet, pooler Deployment). */
export function propagatedAnnotations(cluster: Cluster, config: OperatorConfig): StringMap | undefined {
  const annotations: StringMap = { ...(inheritedAnnotations(cluster, config) ?? {}) };
  for (const [key, value] of Object.entries(cluster.annotations)) {
    if (matchesAny(key, config.downscaler_annotations)) annotations[key] = value;
  }
  return nonEmpty(annotations);
}

/** Pod template annotations: configuration, then manifest, then inherited ones. */
export function podAnnotations(cluster: Cluster, config: OperatorConfig, withIamRole: boolean): StringMap | undefined {
  const base: StringMap = { ...config.custom_pod_annotations, ...(cluster.spec.podAnnotations ?? {}) };
  if (withIamRole && config.kube_iam_role) base[annotationKeys.kubeIamRole] = config.kube_iam_role;
  return inheritedAnnotations(cluster, config, base);
}

/** Metadata every child shares: name, namespace, labels and (when any) annotations. */
export function objectMeta(cluster: Cluster, name: string, labels: StringMap, annotations?: StringMap) {
  return {
    name,
    namespace: cluster.namespace,
    labels: sorted(labels),
    ...(annotations && Object.keys(annotations).length > 0 ? { annotations: sorted(annotations) } : {}),
  };
}
