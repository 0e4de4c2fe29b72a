// The logical backup CronJob (zalando-objects.md §6): pg_dumpall on a schedule by Zalando's
// logical-backup image, with the container environment in Zalando's order for each storage provider.
import type { ICronJob } from 'kubernetes-models/batch/v1/CronJob';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { OperatorConfig } from '../../schemas/config.js';
import { fullLabels, objectMeta, podAnnotations, type Cluster } from '../cluster.js';
import { instanceCount } from '../instances.js';
import { compact, nonEmptyList, sorted } from '../maps.js';
import { ChildKind, labelKeys, names, spilo } from '../names.js';
import type { Observed } from '../observed.js';
import { EnvList, fromField, fromSecret, literal, type EnvVar } from '../pod/env-list.js';
import { SPILO_CONTAINER_PORTS, spiloSecurityContext, terminationGracePeriodSeconds } from '../pod/pod-spec.js';
import { nodeAffinity, tolerations } from '../pod/scheduling.js';
import { superuserSecret } from '../pod/spilo-env.js';
import { postgresDefaults, resourceRequirements } from '../resources.js';
import { isHibernated } from '../switches.js';

const BACKUP_APPLICATION = 'spilo-logical-backup';
const BACKUP_CONTAINER = 'logical-backup';

export function logicalBackupWanted(cluster: Cluster, config: OperatorConfig): boolean {
  return cluster.spec.enableLogicalBackup === true && instanceCount(cluster, config) > 0;
}

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
    literal('LOGICAL_BACKUP_S3_BUCKET_SCOPE_SUFFIX', cluster.uid ? `/${cluster.uid}` : ''),
    ...providerEnvironment(cluster, config),
    ...extra,
  ).toArray();
}

export interface LogicalBackupResult { cronJobs: ICronJob[]; missing: string[] }

export function buildLogicalBackup(cluster: Cluster, config: OperatorConfig, observed: Observed): LogicalBackupResult {
  if (!logicalBackupWanted(cluster, config)) return { cronJobs: [], missing: [] };
  const secretName = config.logical_backup_cronjob_environment_secret;
  const extraSecret = secretName ? observed.related<ISecret>(ChildKind.Secret, cluster.namespace, secretName) : undefined;
  if (secretName && !extraSecret) {
    return { cronJobs: [], missing: [`Secret ${cluster.namespace}/${secretName} (logical_backup_cronjob_environment_secret)`] };
  }
  const owned = (name: string) => observed.child(ChildKind.CronJob, name) !== undefined;
  const labels = sorted({ ...fullLabels(cluster, config), [labelKeys.application]: BACKUP_APPLICATION });
  const metaAnnotations = podAnnotations(cluster, config, false);
  const secretMount = config.additional_secret_mount && config.additional_secret_mount_path
    ? { name: config.additional_secret_mount, mountPath: config.additional_secret_mount_path }
    : undefined;
  const nodes = nodeAffinity(cluster.spec, config, false);
  const fallback = postgresDefaults(config);
  const resources = resourceRequirements(undefined, {
    cpuRequest: config.logical_backup_cpu_request || fallback.cpuRequest,
    memoryRequest: config.logical_backup_memory_request || fallback.memoryRequest,
    cpuLimit: config.logical_backup_cpu_limit || fallback.cpuLimit,
    memoryLimit: config.logical_backup_memory_limit || fallback.memoryLimit,
  }, config, { enforceBounds: false });
  const cronJob: ICronJob = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: objectMeta(cluster, names.logicalBackupCronJob(cluster.name, config, owned), labels, metaAnnotations),
    spec: {
      schedule: cluster.spec.logicalBackupSchedule || config.logical_backup_schedule,
      concurrencyPolicy: 'Forbid',
      ...(isHibernated(cluster.annotations) ? { suspend: true } : {}),
      successfulJobsHistoryLimit: config.logical_backup_successful_jobs_history_limit,
      failedJobsHistoryLimit: config.logical_backup_failed_jobs_history_limit,
      jobTemplate: {
        metadata: compact({ labels, annotations: metaAnnotations }),
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
                nodeAffinity: nodes,
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
      },
    },
  };
  return { cronJobs: [cronJob], missing: [] };
}
