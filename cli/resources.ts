// The kinds the command-line tool reads and writes, with their API paths, and the CompositeController's
// child kinds (deploy/compositecontroller.yaml; Endpoints only where Patroni keeps its state in them).
import type { OperatorConfig } from '../schemas/config.js';
import { API_GROUP, ChildKind, PARENT_KIND } from '../hooks/names.js';
import { usesConfigMaps } from '../hooks/pod/spilo-env.js';

export interface Resource { apiVersion: string; kind: string; plural: string }

export const RESOURCES: readonly Resource[] = [
  { apiVersion: 'apps/v1', kind: 'StatefulSet', plural: 'statefulsets' },
  { apiVersion: 'v1', kind: 'Service', plural: 'services' },
  { apiVersion: 'v1', kind: 'Endpoints', plural: 'endpoints' },
  { apiVersion: 'v1', kind: 'Secret', plural: 'secrets' },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets' },
  { apiVersion: 'batch/v1', kind: 'CronJob', plural: 'cronjobs' },
  { apiVersion: 'batch/v1', kind: 'Job', plural: 'jobs' },
  { apiVersion: 'apps/v1', kind: 'Deployment', plural: 'deployments' },
  { apiVersion: 'v1', kind: 'ConfigMap', plural: 'configmaps' },
  { apiVersion: 'v1', kind: 'Pod', plural: 'pods' },
  { apiVersion: `${API_GROUP}/v1`, kind: PARENT_KIND, plural: 'postgresqls' },
];

export function resourceByPlural(apiVersion: string, plural: string): Resource | undefined {
  return RESOURCES.find((r) => r.apiVersion === apiVersion && r.plural === plural);
}

export function resourceOf(object: { apiVersion: string; kind: string }): Resource | undefined {
  return RESOURCES.find((r) => r.apiVersion === object.apiVersion && r.kind === object.kind);
}

/** `/api/v1/namespaces/<ns>/secrets[/<name>]`, `/apis/apps/v1/…` */
export function resourcePath(resource: Resource, namespace: string, name?: string): string {
  const base = resource.apiVersion.includes('/') ? `/apis/${resource.apiVersion}` : `/api/${resource.apiVersion}`;
  const collection = `${base}/namespaces/${encodeURIComponent(namespace)}/${resource.plural}`;
  return name === undefined ? collection : `${collection}/${encodeURIComponent(name)}`;
}

/** The children map keys Metacontroller fills (one per child rule of the CompositeController). */
export function childKinds(config: OperatorConfig): string[] {
  const kinds: string[] = [ChildKind.StatefulSet, ChildKind.Service, ChildKind.Secret, ChildKind.PodDisruptionBudget, ChildKind.CronJob, ChildKind.Job, ChildKind.Deployment, ChildKind.ConfigMap];
  return usesConfigMaps(config) ? kinds : [...kinds, ChildKind.Endpoints];
}
