// Master and replica Services (zalando-objects.md §3.2, §3.3), and the shared rules for exposing a
// Service through a NodePort or a load balancer that the pooler Services reuse.
import type { IService } from 'kubernetes-models/v1/Service';
import type { OperatorConfig } from '../../schemas/config.js';
import { baseLabels, fullLabels, inheritedAnnotations, objectMeta, withRole, type Cluster } from '../cluster.js';
import { keptBySpec } from '../memo.js';
import { annotationKeys, formatTemplate, names, spilo, type Role } from '../names.js';
import { compact, type StringMap } from '../maps.js';
import { usesConfigMaps } from '../pod/spilo-env.js';
import { DNS1035_LABEL } from '../../schemas/patterns.js';

export interface Exposure { type: 'ClusterIP' | 'NodePort' | 'LoadBalancer'; nodePort?: number | undefined }

/** NodePort wins over a load balancer; a manifest switch wins over the configuration's. */
function exposure(
  nodePort: { manifest: boolean | undefined; config: boolean; port: number | undefined },
  loadBalancer: { manifest: boolean | undefined; config: boolean },
): Exposure {
  if (nodePort.manifest ?? nodePort.config) {
    return { type: 'NodePort', nodePort: nodePort.manifest === true && nodePort.port ? nodePort.port : undefined };
  }
  if (loadBalancer.manifest ?? loadBalancer.config) return { type: 'LoadBalancer' };
  return { type: 'ClusterIP' };
}

/** The exposure switches of a role's database Service (`''`) or pooler Service (`'Pooler'`), by Zalando's key names. */
export function roleExposure(cluster: Cluster, config: OperatorConfig, role: Role, target: '' | 'Pooler'): Exposure {
  const spec = cluster.spec;
  const title = role === 'master' ? 'Master' as const : 'Replica' as const;
  const option = target === 'Pooler' ? '_pooler' as const : '' as const;
  return exposure(
    { manifest: spec[`enable${title}${target}NodePort`], config: config[`enable_${role}${option}_node_port`], port: spec[`${role}${target}NodePort`] },
    { manifest: spec[`enable${title}${target}LoadBalancer`], config: config[`enable_${role}${option}_load_balancer`] },
  );
}

export function serviceSpecFields(cluster: Cluster, config: OperatorConfig, how: Exposure) {
  if (how.type === 'ClusterIP') return { type: 'ClusterIP' as const };
  const ranges = cluster.spec.allowedSourceRanges ?? [];
  return compact({
    type: how.type,
    externalTrafficPolicy: config.external_traffic_policy,
    // An open load balancer must be asked for: without ranges it only admits localhost.
    loadBalancerSourceRanges: how.type === 'LoadBalancer' ? (ranges.length > 0 ? ranges : ['127.0.0.1/32']) : undefined,
  });
}

export function dnsName(format: string, clusterPart: string, cluster: Cluster, config: OperatorConfig): string {
  return formatTemplate(format, {
    cluster: clusterPart,
    namespace: cluster.namespace,
    team: cluster.spec.teamId,
    hostedzone: config.db_hosted_zone,
  }).toLowerCase();
}

/** The name without its `<team>-` prefix, when it has one Zalando recognises (legacy DNS names). */
function legacyClusterPart(cluster: Cluster): string | undefined {
  const team = cluster.spec.teamId;
  const name = cluster.name;
  if (team === '' || name.length < team.length + 2 || name.length > 58) return undefined;
  if (!name.toLowerCase().startsWith(`${team.toLowerCase()}-`) || !new RegExp(DNS1035_LABEL).test(name)) return undefined;
  return name.slice(team.length + 1);
}

function hostnames(cluster: Cluster, config: OperatorConfig, role: Role): string {
  const [current, legacy] = role === 'master'
    ? [config.master_dns_name_format, config.master_legacy_dns_name_format]
    : [config.replica_dns_name_format, config.replica_legacy_dns_name_format];
  const hosts = [dnsName(current, cluster.name, cluster, config)];
  const shortName = legacyClusterPart(cluster);
  if (shortName !== undefined) hosts.push(dnsName(legacy, shortName, cluster, config));
  return hosts.join(',');
}

/** Configuration, then manifest, then the role's own annotations; external-dns last so it cannot be overridden. */
export function serviceAnnotations(cluster: Cluster, config: OperatorConfig, role: Role, how: Exposure, hostname: () => string): StringMap | undefined {
  const spec = cluster.spec;
  const annotations: StringMap = {
    ...config.custom_service_annotations,
    ...(spec.serviceAnnotations ?? {}),
    ...((role === 'master' ? spec.masterServiceAnnotations : spec.replicaServiceAnnotations) ?? {}),
  };
  if (how.type === 'LoadBalancer') annotations[annotationKeys.externalDnsHostname] = hostname();
  return inheritedAnnotations(cluster, config, annotations);
}

function postgresService(cluster: Cluster, config: OperatorConfig, role: Role): IService {
  const how = roleExposure(cluster, config, role, '');
  // In Endpoints/etcd mode Patroni points the selector-less master Service at the leader itself.
  const selector = role === 'replica' || usesConfigMaps(config) ? withRole(baseLabels(cluster, config), config, role) : undefined;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: objectMeta(
      cluster, names.service(cluster.name, role), withRole(fullLabels(cluster, config), config, role),
      serviceAnnotations(cluster, config, role, how, () => hostnames(cluster, config, role)),
    ),
    spec: compact({
      ...serviceSpecFields(cluster, config, how),
      ports: [compact({ name: 'postgresql', port: spilo.postgresPort, targetPort: spilo.postgresPort, nodePort: how.nodePort })],
      selector,
    }),
  };
}

export const buildServices = keptBySpec((cluster, config): IService[] => [postgresService(cluster, config, 'master'), postgresService(cluster, config, 'replica')]);
