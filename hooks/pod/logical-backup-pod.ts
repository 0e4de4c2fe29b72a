// The logical backup pod as Zalando's operator makes it (zalando-objects.md §6): the Job template the CronJob
// runs on its schedule, which the on-demand backup Job runs as it is and the restore Job borrows its fetch
// container from (the image with the providers' clients, their environment and credentials).
import type { IJobTemplateSpec } from 'kubernetes-models/batch/v1/JobTemplateSpec';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { OperatorConfig } from '../../schemas/config.js';
import { fullLabels, podAnnotations, type Cluster } from '../cluster.js';
import { compact, nonEmptyList, sorted, type StringMap } from '../maps.js';
import { ChildKind, labelKeys, spilo } from '../names.js';
import type { Observed } from '../observed.js';
import { EnvList, fromField, fromSecret, literal, type EnvVar } from './env-list.js';
import { SPILO_CONTAINER_PORTS, spiloSecurityContext, terminationGracePeriodSeconds } from './pod-spec.js';
import { nodeAffinity, tolerations } from './scheduling.js';
import { superuserSecret } from './spilo-env.js';
import { postgresDefaults, resourceRequirements } from '../resources.js';

const BACKUP_APPLICATION = 'spilo-logical-backup';
export const BACKUP_CONTAINER = 'logical-backup';

function providerEnvironment(cluster: Cluster, config: OperatorConfig): EnvVar[] {
  switch (config.logical_backup_provider) {
    case 's3':
      return [
        literal('LOGICAL_BACKUP_S3_REGION', config.logical_backup_s3_region),
        literal('LOGICAL_BACKUP_S3_ENDPOINT', config.logical_backup_s3_endpoint),
        literal('LOGICAL_BACKUP_S3_SSE', config.logical_backup_s3_sse),
        literal('LOGICAL_BACKUP_S3_RETENTION_TIME', cluster.spec.logicalBackupRetention || config.logical_backup_s3_retention_time),
        ...(config.logical_backup_s3_access_key_id ? [literal('AWS_ACCESS_KEY_ID', config.logical_backup_s3_access_key_id)] : []),
        ...(config.logical_backup_s3_secret_access_key ? [literal('AWS_SECRET_ACCESS_KEY', config.logical_backup_s3_secret_access_key)] : []),
      ];
    case 'gcs':
      return config.logical_backup_google_application_credentials
        ? [literal('LOGICAL_BACKUP_GOOGLE_APPLICATION_CREDENTIALS', config.logical_backup_google_application_credentials)]
        : [];
    case 'az':
      return [
        literal('LOGICAL_BACKUP_AZURE_STORAGE_ACCOUNT_NAME', config.logical_backup_azure_storage_account_name),
        literal('LOGICAL_BACKUP_AZURE_STORAGE_CONTAINER', config.logical_backup_azure_storage_container),
        ...(config.logical_backup_azure_storage_account_key ? [literal('LOGICAL_BACKUP_AZURE_STORAGE_ACCOUNT_KEY', config.logical_backup_azure_storage_account_key)] : []),
      ];
  }
}

function environment(cluster: Cluster, config: OperatorConfig, extraSecret: ISecret | undefined): EnvVar[] {
  const extra = Object.keys(extraSecret?.data ?? {}).sort().map((key) => fromSecret(key, config.logical_backup_cronjob_environment_secret, key));
  return new EnvList().add(
    literal('SCOPE', cluster.name),
    literal('CLUSTER_NAME_LABEL', config.cluster_name_label),
    fromField('POD_NAMESPACE', 'metadata.namespace'),
    literal('PG_VERSION', cluster.spec.postgresql.version),
    literal('PGPORT', String(spilo.postgresPort)),
    literal('PGUSER', config.super_username),
    literal('PGDATABASE', config.super_username),
    literal('PGSSLMODE', 'require'),
    fromSecret('PGPASSWORD', superuserSecret(cluster, config), 'password'),
    literal('LOGICAL_BACKUP_PROVIDER', config.logical_backup_provider),
    literal('LOGICAL_BACKUP_S3_BUCKET', config.logical_backup_s3_bucket),
    literal('LOGICAL_BACKUP_S3_BUCKET_PREFIX', config.logical_backup_s3_bucket_prefix),
    literal('LOGICAL_BACKUP_S3_BUCKET_SCOPE_SUFFIX', scopeSuffix(cluster)),
    ...providerEnvironment(cluster, config),
    ...extra,
  ).toArray();
}

/** `/<uid>` of the `postgresql` object, part of every backup's path (empty before the API server gave it one). */
export function scopeSuffix(cluster: Cluster): string {
  return cluster.uid ? `/${cluster.uid}` : '';
}

export function logicalBackupLabels(cluster: Cluster, config: OperatorConfig): StringMap {
  return sorted({ ...fullLabels(cluster, config), [labelKeys.application]: BACKUP_APPLICATION });
}

/** The Secret of `logical_backup_cronjob_environment_secret`: `missing` names it while it is configured and not there. */
export function backupEnvironmentSecret(cluster: Cluster, config: OperatorConfig, observed: Observed): { secret?: ISecret; missing?: string } {
  const name = config.logical_backup_cronjob_environment_secret;
  if (!name) return {};
  const secret = observed.related<ISecret>(ChildKind.Secret, cluster.namespace, name);
  return secret ? { secret } : { missing: `Secret ${cluster.namespace}/${name} (logical_backup_cronjob_environment_secret)` };
}

/** The Job template of a logical backup: what the CronJob runs, and the on-demand Job is made of. */
export function logicalBackupJobTemplate(cluster: Cluster, config: OperatorConfig, extraSecret: ISecret | undefined): IJobTemplateSpec & { spec: NonNullable<IJobTemplateSpec['spec']> } {
  const labels = logicalBackupLabels(cluster, config);
  const secretMount = config.additional_secret_mount && config.additional_secret_mount_path
    ? { name: config.additional_secret_mount, mountPath: config.additional_secret_mount_path }
    : undefined;
  const fallback = postgresDefaults(config);
  const resources = resourceRequirements(undefined, {
    cpuRequest: config.logical_backup_cpu_request || fallback.cpuRequest,
    memoryRequest: config.logical_backup_memory_request || fallback.memoryRequest,
    cpuLimit: config.logical_backup_cpu_limit || fallback.cpuLimit,
    memoryLimit: config.logical_backup_memory_limit || fallback.memoryLimit,
  }, config, { enforceBounds: false });
  return {
    metadata: compact({ labels, annotations: podAnnotations(cluster, config, false) }),
    spec: {
      ttlSecondsAfterFinished: config.logical_backup_ttl_seconds_after_finished,
      template: {
        metadata: compact({ labels, annotations: podAnnotations(cluster, config, true) }),
        spec: compact({
          restartPolicy: 'Never' as const,
          serviceAccountName: config.pod_service_account_name,
          terminationGracePeriodSeconds: terminationGracePeriodSeconds(config),
          securityContext: spiloSecurityContext(cluster, config),
          tolerations: tolerations(cluster.spec, config),
          topologySpreadConstraints: nonEmptyList(cluster.spec.topologySpreadConstraints),
          // Zalando places backups next to other backup pods of the cluster when it can.
          affinity: compact({
            podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { labelSelector: { matchLabels: labels }, topologyKey: 'kubernetes.io/hostname' } }] },
            nodeAffinity: nodeAffinity(cluster.spec, config, false),
          }),
          containers: [compact({
            name: BACKUP_CONTAINER,
            image: config.logical_backup_docker_image,
            imagePullPolicy: 'IfNotPresent' as const,
            ports: SPILO_CONTAINER_PORTS,
            resources,
            env: environment(cluster, config, extraSecret),
            volumeMounts: secretMount ? [secretMount] : undefined,
            securityContext: { privileged: config.spilo_privileged, allowPrivilegeEscalation: config.spilo_allow_privilege_escalation, readOnlyRootFilesystem: false },
          })],
          volumes: secretMount ? [{ name: secretMount.name, secret: { secretName: secretMount.name } }] : undefined,
        }),
      },
    },
  };
}
