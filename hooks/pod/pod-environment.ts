// Variables from the configured pod environment ConfigMap and Secret. Both reach the hook as related
// objects (the customize hook asks for them); one that is configured but absent blocks the update,
// because a pod template without its variables would restart the database with the wrong settings.
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { OperatorConfig } from '../../schemas/config.js';
import type { Observed } from '../observed.js';
import { ChildKind } from '../names.js';
import { fromSecret, literal, type EnvVar } from './env-list.js';

export interface PodEnvironment { fromSecret: EnvVar[]; fromConfigMap: EnvVar[]; missing: string[] }

export interface NamespacedName { namespace: string; name: string }

/** `namespace/name`, or a bare name in the cluster's namespace. */
export function resolveName(reference: string, clusterNamespace: string): NamespacedName {
  const [first, second] = reference.split('/');
  return second === undefined ? { namespace: clusterNamespace, name: first as string } : { namespace: first as string, name: second };
}

function sortedKeys(map: Record<string, unknown> | undefined): string[] {
  return Object.keys(map ?? {}).sort();
}

export function podEnvironment(namespace: string, config: OperatorConfig, observed: Observed): PodEnvironment {
  const result: PodEnvironment = { fromSecret: [], fromConfigMap: [], missing: [] };
  if (config.pod_environment_secret) {
    const secret = observed.related<ISecret>(ChildKind.Secret, namespace, config.pod_environment_secret);
    if (!secret) result.missing.push(`Secret ${namespace}/${config.pod_environment_secret} (pod_environment_secret)`);
    else result.fromSecret = sortedKeys(secret.data).map((key) => fromSecret(key, config.pod_environment_secret as string, key));
  }
  if (config.pod_environment_configmap) {
    const ref = resolveName(config.pod_environment_configmap, namespace);
    const configMap = observed.related<IConfigMap>(ChildKind.ConfigMap, ref.namespace, ref.name);
    if (!configMap) result.missing.push(`ConfigMap ${ref.namespace}/${ref.name} (pod_environment_configmap)`);
    else result.fromConfigMap = sortedKeys(configMap.data).map((key) => literal(key, configMap.data?.[key] ?? ''));
  }
  return result;
}
