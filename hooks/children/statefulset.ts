// The StatefulSet that runs Spilo (zalando-objects.md §2). Fields Kubernetes never lets change
// (selector, serviceName, volumeClaimTemplates, podManagementPolicy) are carried from the observed
// object; what could not be applied is reported instead.
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { OperatorConfig } from '../../schemas/config.js';
import { baseLabels, clusterDigest, fullLabels, inheritedAnnotations, objectMeta, podAnnotations, propagatedAnnotations, type Cluster } from '../cluster.js';
import { instanceCount } from '../instances.js';
import { compact, nonEmptyList, sorted } from '../maps.js';
import { annotationKeys, ChildKind, names, spilo } from '../names.js';
import type { Observed } from '../observed.js';
import { memo } from '../memo.js';
import { compareQuantities } from '../quantity.js';
import { postgresResources } from '../resources.js';
import { exporterContainer } from '../pod/exporter.js';
import { affinity, nodeAffinity, tolerations } from '../pod/scheduling.js';
import { sidecarContainers } from '../pod/sidecars.js';
import { spiloConfiguration, type SpiloConfiguration } from '../pod/spilo-configuration.js';
import { spiloEnvironment } from '../pod/spilo-env.js';
import { podTemplateHash } from '../pod/template-hash.js';
import type { PodEnvironment } from '../pod/pod-environment.js';
import { mountsFor, pgdataMount, podVolumes, POSTGRES_CONTAINER } from '../pod/volumes.js';
import { isHibernated } from '../switches.js';
import { keepObservedSelector, selectorChanged } from './selector.js';
import { SPILO_CONTAINER_PORTS, spiloSecurityContext, terminationGracePeriodSeconds } from '../pod/pod-spec.js';

const READINESS_PROBE = {
  httpGet: { path: '/readiness', port: spilo.patroniPort, scheme: 'HTTP' as const },
  initialDelaySeconds: 6,
  periodSeconds: 10,
  timeoutSeconds: 5,
  successThreshold: 1,
  failureThreshold: 3,
};

function postgresContainer(
  cluster: Cluster, config: OperatorConfig, podEnvironment: PodEnvironment, configuration: SpiloConfiguration, mounts: IContainer['volumeMounts'],
): IContainer {
  const capabilities = config.additional_pod_capabilities.map((c) => c.toUpperCase());
  return compact({
    name: POSTGRES_CONTAINER,
    image: cluster.spec.dockerImage || config.docker_image,
    imagePullPolicy: 'IfNotPresent' as const,
    ports: SPILO_CONTAINER_PORTS,
    resources: postgresResources(cluster, config),
    env: spiloEnvironment(cluster, config, podEnvironment, configuration.value),
    envFrom: nonEmptyList(cluster.spec.envFrom),
    volumeMounts: mounts,
    securityContext: compact({
      allowPrivilegeEscalation: config.spilo_allow_privilege_escalation,
      privileged: config.spilo_privileged,
      readOnlyRootFilesystem: false,
      capabilities: capabilities.length > 0 ? { add: capabilities } : undefined,
    }),
    readinessProbe: config.enable_readiness_probe ? READINESS_PROBE : undefined,
    livenessProbe: cluster.spec.livenessProbe ?? config.liveness_probe,
  });
}

function claimTemplate(cluster: Cluster, config: OperatorConfig): IPersistentVolumeClaim {
  const volume = cluster.spec.volume;
  // apiVersion and kind are spelled out: the API server adds them, and a template without them reads as drift.
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: compact({ name: names.pgdataVolume, labels: fullLabels(cluster, config), annotations: inheritedAnnotations(cluster, config) }),
    spec: compact({
      accessModes: ['ReadWriteOnce' as const],
      resources: { requests: { storage: volume.size } },
      storageClassName: volume.storageClass || undefined,
      volumeMode: 'Filesystem' as const,
      selector: volume.selector,
    }),
  };
}

/** The pod template, annotated with the hash of what in it needs a new pod (the operations Job compares pods with it). */
function podTemplate(
  metadata: { labels: Record<string, string>; annotations?: Record<string, string> | undefined }, spec: object, configuration: SpiloConfiguration,
): IPodTemplateSpec {
  const template = { spec } as IPodTemplateSpec;
  const annotations = sorted({ ...(metadata.annotations ?? {}), [annotationKeys.podTemplateHash]: podTemplateHash(template, configuration) });
  return { metadata: { labels: metadata.labels, annotations }, spec: template.spec };
}

function desiredStatefulSet(cluster: Cluster, config: OperatorConfig, podEnvironment: PodEnvironment, replicas: number): IStatefulSet {
  const spec = cluster.spec;
  const labels = fullLabels(cluster, config);
  const volumes = podVolumes(spec, config);
  const pgdata = pgdataMount(spec);
  const sidecars = sidecarContainers(cluster, config, pgdata).map((c) => ({
    ...c,
    volumeMounts: [...(c.volumeMounts ?? []), ...mountsFor(c.name, volumes)],
  }));
  const configuration = spiloConfiguration(spec, config);
  const postgres = postgresContainer(cluster, config, podEnvironment, configuration, [pgdata, ...mountsFor(POSTGRES_CONTAINER, volumes)]);
  // A sidecar the manifest or configuration already names so is kept: it is someone's own exporter.
  const exporter = [exporterContainer(cluster, config)].filter((c): c is IContainer => c !== undefined && !sidecars.some((s) => s.name === c.name));
  const retention = config.persistent_volume_claim_retention_policy;
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: objectMeta(cluster, names.statefulSet(cluster.name), labels, propagatedAnnotations(cluster, config)),
    spec: {
      replicas,
      selector: { matchLabels: baseLabels(cluster, config) },
      serviceName: names.service(cluster.name, 'master'),
      podManagementPolicy: config.pod_management_policy === 'parallel' ? 'Parallel' : 'OrderedReady',
      updateStrategy: { type: config.statefulset_update_strategy },
      persistentVolumeClaimRetentionPolicy: {
        whenDeleted: retention.when_deleted === 'delete' || config.enable_persistent_volume_claim_deletion ? 'Delete' : 'Retain',
        // Hibernation scales to 0: with Delete every data volume would go with its pod.
        whenScaled: retention.when_scaled === 'delete' && !isHibernated(cluster.annotations) ? 'Delete' : 'Retain',
      },
      template: podTemplate({ labels, annotations: podAnnotations(cluster, config, true) }, compact({
        serviceAccountName: config.pod_service_account_name,
        terminationGracePeriodSeconds: terminationGracePeriodSeconds(config),
        securityContext: spiloSecurityContext(cluster, config),
        initContainers: nonEmptyList(spec.initContainers),
        containers: [postgres, ...sidecars, ...exporter],
        volumes: nonEmptyList(volumes.map((v) => v.volume)),
        tolerations: tolerations(spec, config),
        affinity: affinity(nodeAffinity(spec, config), labels, config),
        topologySpreadConstraints: nonEmptyList(spec.topologySpreadConstraints),
        priorityClassName: spec.podPriorityClassName || config.pod_priority_class_name || undefined,
        schedulerName: spec.schedulerName || undefined,
      }), configuration),
      volumeClaimTemplates: [claimTemplate(cluster, config)],
    },
  };
}

function storageOf(claims: NonNullable<IStatefulSet['spec']>['volumeClaimTemplates']): { size?: string; storageClass?: string } {
  const pgdata = claims?.find((c) => c.metadata?.name === names.pgdataVolume);
  return compact({ size: pgdata?.spec?.resources?.requests?.storage as string | undefined, storageClass: pgdata?.spec?.storageClassName });
}

/** What an existing StatefulSet keeps whatever the spec says: the fields Kubernetes never lets change. */
type Carried = Pick<NonNullable<IStatefulSet['spec']>, 'selector' | 'serviceName' | 'podManagementPolicy' | 'volumeClaimTemplates'>;

function carriedOf(observed: IStatefulSet | undefined): Carried | undefined {
  const spec = observed?.spec;
  if (!spec) return undefined;
  return { selector: spec.selector, serviceName: spec.serviceName, podManagementPolicy: spec.podManagementPolicy, volumeClaimTemplates: spec.volumeClaimTemplates };
}

/** What differs between desired and observed immutable fields, in words for the status. */
function immutableDrift(desired: IStatefulSet, carried: Carried, resizeMode: OperatorConfig['storage_resize_mode']): string[] {
  const notes: string[] = [];
  const want = storageOf(desired.spec?.volumeClaimTemplates);
  const have = storageOf(carried.volumeClaimTemplates);
  if (want.size && have.size && compareQuantities(want.size, have.size) !== 0) {
    notes.push(`spec.volume.size ${have.size} → ${want.size} is not applied to the StatefulSet's volume claim template, which cannot change: ${resizeMode === 'off'
      ? 'storage_resize_mode is off, so the claims and the template keep their size'
      : 'the volume resize (condition VolumesResized) grows the claims and recreates the StatefulSet, keeping its pods'}`);
  }
  if ((want.storageClass ?? '') !== (have.storageClass ?? '')) {
    notes.push(`spec.volume.storageClass ${have.storageClass ?? '(default)'} → ${want.storageClass ?? '(default)'} is not applied: existing volumes keep their storage class`);
  }
  if (selectorChanged(desired, { spec: carried })) {
    notes.push('the pod selector (cluster_labels / cluster_name_label) changed and is not applied: a StatefulSet selector cannot change');
  }
  if (desired.spec?.podManagementPolicy !== carried.podManagementPolicy) {
    notes.push(`pod_management_policy ${carried.podManagementPolicy} → ${desired.spec?.podManagementPolicy} is not applied: it cannot change on an existing StatefulSet`);
  }
  return notes;
}

function withCarried(desired: IStatefulSet, carried: Carried | undefined, resizeMode: OperatorConfig['storage_resize_mode']): StatefulSetResult {
  if (!carried || !desired.spec) return { statefulSet: desired, notApplied: [] };
  const kept = keepObservedSelector(desired, { spec: carried });
  return {
    statefulSet: {
      ...kept,
      spec: {
        ...kept.spec!,
        serviceName: carried.serviceName,
        ...(carried.podManagementPolicy ? { podManagementPolicy: carried.podManagementPolicy } : {}),
        volumeClaimTemplates: carried.volumeClaimTemplates ?? [],
      },
    },
    notApplied: immutableDrift(desired, carried, resizeMode),
  };
}

/**
 * The StatefulSets of specs seen lately: the largest child, the same while the spec, the pod environment, the
 * replicas and the observed immutable fields are (kept frozen, so the last guard checks it once: hooks/api-rules).
 */
const remembered = memo<StatefulSetResult>(256);

export interface StatefulSetResult { statefulSet: IStatefulSet; notApplied: string[] }

/** `replicas`: the instance count, unless the operations planner holds a scale-down (hooks/operations/plan.ts). */
export function buildStatefulSet(
  cluster: Cluster, config: OperatorConfig, observed: Observed, podEnvironment: PodEnvironment, replicas = instanceCount(cluster, config),
): StatefulSetResult {
  const carried = carriedOf(observed.child<IStatefulSet>(ChildKind.StatefulSet, names.statefulSet(cluster.name)));
  const key = `${clusterDigest(cluster)} ${replicas} ${JSON.stringify(podEnvironment)} ${JSON.stringify(carried ?? null)}`;
  return remembered(config, key, () => withCarried(desiredStatefulSet(cluster, config, podEnvironment, replicas), carried, config.storage_resize_mode));
}
