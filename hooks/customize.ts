// The customize hook: which related objects the sync hook needs to see. Metacontroller caches the
// answer per parent generation, so it depends on the spec and the configuration only.
import type { OperatorConfig } from '../schemas/config.js';
import type { CustomizeRequest, CustomizeResponse, HookVersion, RelatedResourceRule } from '../schemas/hook.js';
import { baseLabels } from './cluster.js';
import { collisionCandidates } from './collisions.js';
import { API_GROUP, jobApplications, labelKeys } from './names.js';
import { resolveName } from './pod/pod-environment.js';
import { infrastructureSources } from './roles/infrastructure.js';
import { postgresTeamsRule } from './roles/teams.js';

function rule(resource: 'secrets' | 'configmaps', namespace: string, name: string): RelatedResourceRule {
  return { apiVersion: 'v1', resource, namespace, names: [name] };
}

/** The clusters of the namespace whose children could share a name with this one's (see collisions.ts). */
function siblingClusters(name: string, namespace: string, config: OperatorConfig): RelatedResourceRule[] {
  const candidates = collisionCandidates(name, config);
  const clusters = { apiVersion: `${API_GROUP}/v1`, resource: 'postgresqls', namespace };
  if (candidates === 'any') return [{ ...clusters, labelSelector: {} }];
  // An empty list of names would select every object of the namespace.
  return candidates.length > 0 ? [{ ...clusters, names: candidates }] : [];
}

export function customize(request: CustomizeRequest, config: OperatorConfig): CustomizeResponse {
  const namespace = request.parent.metadata.namespace;
  const version: HookVersion = request.controller.spec?.hooks?.customize?.version ?? 'v1';
  const rules: RelatedResourceRule[] = [];
  if (config.pod_environment_secret) rules.push(rule('secrets', namespace, config.pod_environment_secret));
  if (config.pod_environment_configmap) {
    const ref = resolveName(config.pod_environment_configmap, namespace);
    rules.push(rule('configmaps', ref.namespace, ref.name));
  }
  if (config.logical_backup_cronjob_environment_secret) rules.push(rule('secrets', namespace, config.logical_backup_cronjob_environment_secret));
  for (const source of infrastructureSources(config)) {
    rules.push(rule('secrets', source.secret.namespace, source.secret.name), rule('configmaps', source.secret.namespace, source.secret.name));
  }
  rules.push(...postgresTeamsRule(config, namespace, version));
  rules.push(...siblingClusters(request.parent.metadata.name, namespace, config));
  // Never the database pods: Patroni rewrites their annotations every loop_wait, and each change would call the
  // sync hook (README, Performance). Their data volumes' claims carry the StatefulSet's selector labels (its
  // controller copies the selector's matchLabels onto every claim it creates): their sizes drive the volume resize.
  const database = baseLabels(request.parent.metadata, config);
  rules.push({ apiVersion: 'v1', resource: 'persistentvolumeclaims', namespace, labelSelector: { matchLabels: database } });
  // The Jobs' pods: their termination messages carry each Job's summary into the conditions.
  for (const application of Object.values(jobApplications)) {
    rules.push({ apiVersion: 'v1', resource: 'pods', namespace, labelSelector: { matchLabels: { ...database, [labelKeys.application]: application } } });
  }
  // A v1 hook may only name the parent's namespace (Metacontroller rejects anything else).
  const allowed = version === 'v2' ? rules : rules.filter((r) => r.namespace === namespace);
  const unique = new Map(allowed.map((r) => [JSON.stringify(r), r]));
  return { relatedResources: [...unique.values()] };
}
