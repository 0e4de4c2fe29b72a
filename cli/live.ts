// Reading a cluster's live objects: from `kubectl get … -o json` output (a List, file or stdin) or through
// the API: the `postgresql`, every object of the kinds the tool knows labelled with the cluster's name
// (Zalando's objects and ours all carry `cluster_name_label`), and the related objects the customize hook
// names.
import type { OperatorConfig } from '../schemas/config.js';
import type { KubeObject, SyncRequest } from '../schemas/hook.js';
import { PARENT_KIND } from '../hooks/names.js';
import { KubernetesError } from '../operations/kubernetes.js';
import { InputError } from './documents.js';
import type { ClusterApi } from './kubernetes.js';
import { relatedObjects } from './live-request.js';
import { RESOURCES, resourceByPlural, type Resource } from './resources.js';

export interface LiveCluster { parent: SyncRequest['parent']; live: KubeObject[] }

const PARENT = RESOURCES.find((r) => r.kind === PARENT_KIND) as Resource;

/** The cluster named `name` among objects read from a file; `namespace` picks one when several share the name. */
export function clusterFromObjects(objects: KubeObject[], name: string, namespace?: string): LiveCluster {
  const parents = objects.filter((o) => o.kind === PARENT_KIND && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
  if (parents.length === 0) throw new InputError(`no postgresql ${name}${namespace ? ` in namespace ${namespace}` : ''} among the objects given`);
  if (parents.length > 1) throw new InputError(`postgresql ${name} exists in several namespaces among the objects given: name one with -n`);
  const parent = parents[0] as SyncRequest['parent'];
  return { parent, live: objects.filter((o) => o !== parent) };
}

async function ignoringMissing(read: () => Promise<KubeObject>): Promise<KubeObject[]> {
  try {
    return [await read()];
  } catch (error) {
    if (error instanceof KubernetesError && error.status === 404) return [];
    throw error;
  }
}

export async function readParent(api: ClusterApi, namespace: string, name: string): Promise<SyncRequest['parent']> {
  return { ...(await api.get(PARENT, namespace, name)), apiVersion: PARENT.apiVersion, kind: PARENT.kind } as SyncRequest['parent'];
}

export async function clusterFromApi(api: ClusterApi, namespace: string, name: string, config: OperatorConfig): Promise<LiveCluster> {
  const parent = await readParent(api, namespace, name);
  const labels = { [config.cluster_name_label]: name };
  const lists = await Promise.all(RESOURCES.filter((r) => r !== PARENT).map((resource) => api.list(resource, namespace, labels)));
  const related = await Promise.all(relatedObjects(parent, config, []).rules.map(async (rule) => {
    const resource = resourceByPlural(rule.apiVersion, rule.resource);
    if (!resource) return [];
    const where = rule.namespace ?? namespace;
    if (rule.names && rule.names.length > 0) return (await Promise.all(rule.names.map((n) => ignoringMissing(() => api.get(resource, where, n))))).flat().map((o) => ({ ...o, apiVersion: resource.apiVersion, kind: resource.kind }));
    return api.list(resource, where, rule.labelSelector?.matchLabels ?? {});
  }));
  const byUid = new Map<string, KubeObject>();
  for (const object of [...lists.flat(), ...related.flat()]) byUid.set(object.metadata.uid ?? `${object.kind}/${object.metadata.namespace}/${object.metadata.name}`, object);
  byUid.delete(parent.metadata.uid ?? '');
  return { parent, live: [...byUid.values()] };
}
