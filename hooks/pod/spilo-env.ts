// The environment of the `postgres` container, in Zalando's order with Zalando's dedupe rules
// (zalando-objects.md §2.6, §2.8, §2.9, §2.10).
import type { OperatorConfig } from '../../schemas/config.js';
import type { PostgresSpec } from '../../schemas/postgresql.js';
import type { Cluster } from '../cluster.js';
import { names, spilo } from '../names.js';
import { sorted } from '../maps.js';
import { EnvList, fromField, fromSecret, literal, type EnvVar } from './env-list.js';
import { tlsPaths } from './tls.js';
import type { PodEnvironment } from './pod-environment.js';

// Callers across the hooks ask here whether a cluster is a standby; the rule lives in hooks/standby.ts,
// below both the pod and the Patroni configuration.
export { isStandby } from '../standby.js';

/** The major version Spilo should run; `full` upgrade mode lifts versions below the minimum. */
export function desiredVersion(spec: PostgresSpec, config: OperatorConfig): string {
  const version = spec.postgresql.version;
  if (config.major_version_upgrade_mode === 'full' && Number(version) < Number(config.minimal_major_version)) {
    return config.target_major_version;
  }
  return version;
}

export function usesKubernetesDcs(config: OperatorConfig): boolean {
  return config.etcd_host === '';
}

/** Patroni keeps its state in ConfigMaps (the default) rather than Endpoints or etcd. */
export function usesConfigMaps(config: OperatorConfig): boolean {
  return usesKubernetesDcs(config) && config.kubernetes_use_configmaps;
}

export function superuserSecret(cluster: Cluster, config: OperatorConfig): string {
  return names.credentialSecret(config.super_username, cluster.name, config);
}

function fixedVariables(cluster: Cluster, config: OperatorConfig): EnvVar[] {
  return [
    literal('SCOPE', cluster.name),
    literal('PGROOT', spilo.pgroot),
    fromField('POD_IP', 'status.podIP'),
    fromField('POD_NAMESPACE', 'metadata.namespace'),
    literal('PGUSER_SUPERUSER', config.super_username),
    literal('KUBERNETES_SCOPE_LABEL', config.cluster_name_label),
    literal('KUBERNETES_ROLE_LABEL', config.pod_role_label),
    fromSecret('PGPASSWORD_SUPERUSER', superuserSecret(cluster, config), 'password'),
    literal('PGUSER_STANDBY', config.replication_username),
    fromSecret('PGPASSWORD_STANDBY', names.credentialSecret(config.replication_username, cluster.name, config), 'password'),
    literal('PAM_OAUTH2', config.pam_configuration),
    literal('HUMAN_ROLE', config.pam_role_name),
  ];
}

function conditionalVariables(cluster: Cluster, config: OperatorConfig, spiloConfiguration: string): EnvVar[] {
  const vars: EnvVar[] = [];
  if (config.enable_spilo_wal_path_compat) vars.push(literal('ENABLE_WAL_PATH_COMPAT', 'true'));
  if (config.enable_pgversion_env_var) vars.push(literal('PGVERSION', desiredVersion(cluster.spec, config)));
  vars.push(literal('KUBERNETES_LABELS', JSON.stringify(sorted(config.cluster_labels))));
  vars.push(literal('SPILO_CONFIGURATION', spiloConfiguration));
  if (usesKubernetesDcs(config)) {
    vars.push(literal('DCS_ENABLE_KUBERNETES_API', 'true'));
    if (config.enable_pod_disruption_budget) vars.push(literal('KUBERNETES_BOOTSTRAP_LABELS', JSON.stringify({ 'critical-operation': 'true' })));
  } else {
    vars.push(literal('ETCD_HOST', config.etcd_host));
  }
  if (usesConfigMaps(config)) vars.push(literal('KUBERNETES_USE_CONFIGMAPS', 'true'));
  return vars;
}

function irsaVariables(prefix: string, config: OperatorConfig): EnvVar[] {
  if (!config.irsa_role_arn) return [];
  return [literal(`${prefix}AWS_ROLE_ARN`, config.irsa_role_arn), literal(`${prefix}AWS_WEB_IDENTITY_TOKEN_FILE`, spilo.serviceAccountTokenPath)];
}

export function cloneVariables(cluster: Cluster, config: OperatorConfig): EnvVar[] {
  const clone = cluster.spec.clone;
  if (!clone || clone.cluster === '') return [];
  const vars: EnvVar[] = [literal('CLONE_SCOPE', clone.cluster)];
  if (!clone.timestamp) {
    vars.push(
      literal('CLONE_METHOD', 'CLONE_WITH_BASEBACKUP'),
      literal('CLONE_HOST', clone.cluster),
      literal('CLONE_PORT', String(spilo.postgresPort)),
      literal('CLONE_USER', config.replication_username),
      fromSecret('CLONE_PASSWORD', names.credentialSecret(config.replication_username, clone.cluster, config), 'password'),
    );
  } else {
    if (!clone.s3_wal_path) {
      if (config.wal_s3_bucket) vars.push(literal('CLONE_WAL_S3_BUCKET', config.wal_s3_bucket));
      else if (config.wal_gs_bucket) {
        vars.push(literal('CLONE_WAL_GS_BUCKET', config.wal_gs_bucket));
        if (config.gcp_credentials) vars.push(literal('CLONE_GOOGLE_APPLICATION_CREDENTIALS', config.gcp_credentials));
      } else if (config.wal_az_storage_account) vars.push(literal('CLONE_AZURE_STORAGE_ACCOUNT', config.wal_az_storage_account));
      vars.push(literal('CLONE_WAL_BUCKET_SCOPE_SUFFIX', clone.uid ? `/${clone.uid}` : ''));
    } else {
      vars.push(literal('CLONE_WALE_S3_PREFIX', clone.s3_wal_path));
    }
    vars.push(literal('CLONE_METHOD', 'CLONE_WITH_WALE'), literal('CLONE_TARGET_TIME', clone.timestamp), literal('CLONE_WAL_BUCKET_SCOPE_PREFIX', ''));
    if (clone.s3_endpoint) vars.push(literal('CLONE_AWS_ENDPOINT', clone.s3_endpoint), literal('CLONE_WALE_S3_ENDPOINT', clone.s3_endpoint));
    if (clone.s3_access_key_id) vars.push(literal('CLONE_AWS_ACCESS_KEY_ID', clone.s3_access_key_id));
    if (clone.s3_secret_access_key) vars.push(literal('CLONE_AWS_SECRET_ACCESS_KEY', clone.s3_secret_access_key));
    if (clone.s3_force_path_style !== undefined) vars.push(literal('CLONE_AWS_S3_FORCE_PATH_STYLE', clone.s3_force_path_style ? '1' : '0'));
  }
  return [...vars, ...irsaVariables('CLONE_', config)];
}

export function standbyVariables(cluster: Cluster, config: OperatorConfig): EnvVar[] {
  const standby = cluster.spec.standby;
  if (!standby) return [];
  const vars: EnvVar[] = [];
  if (standby.standby_host) {
    vars.push(literal('STANDBY_HOST', standby.standby_host));
    if (standby.standby_port) vars.push(literal('STANDBY_PORT', standby.standby_port));
    if (standby.standby_primary_slot_name) vars.push(literal('STANDBY_PRIMARY_SLOT_NAME', standby.standby_primary_slot_name));
  }
  if (standby.s3_wal_path) vars.push(literal('STANDBY_WALE_S3_PREFIX', standby.s3_wal_path));
  else if (standby.gs_wal_path) vars.push(literal('STANDBY_WALE_GS_PREFIX', standby.gs_wal_path));
  if (standby.s3_wal_path || standby.gs_wal_path) {
    vars.push(literal('STANDBY_METHOD', 'STANDBY_WITH_WALE'), literal('STANDBY_WAL_BUCKET_SCOPE_PREFIX', ''));
  }
  return [...vars, ...irsaVariables('STANDBY_', config)];
}

function archiveVariables(cluster: Cluster, config: OperatorConfig): EnvVar[] {
  const suffix = cluster.uid ? `/${cluster.uid}` : '';
  const walScope = [literal('WAL_BUCKET_SCOPE_SUFFIX', suffix), literal('WAL_BUCKET_SCOPE_PREFIX', '')];
  const vars: EnvVar[] = [];
  if (config.wal_s3_bucket) vars.push(literal('WAL_S3_BUCKET', config.wal_s3_bucket), ...walScope);
  if (config.wal_gs_bucket) vars.push(literal('WAL_GS_BUCKET', config.wal_gs_bucket), ...walScope);
  if (config.wal_az_storage_account) vars.push(literal('AZURE_STORAGE_ACCOUNT', config.wal_az_storage_account), ...walScope);
  if (config.gcp_credentials) vars.push(literal('GOOGLE_APPLICATION_CREDENTIALS', config.gcp_credentials));
  if (config.log_s3_bucket) {
    vars.push(literal('LOG_S3_BUCKET', config.log_s3_bucket), literal('LOG_BUCKET_SCOPE_SUFFIX', suffix), literal('LOG_BUCKET_SCOPE_PREFIX', ''));
  }
  return vars;
}

function tlsVariables(spec: PostgresSpec): EnvVar[] {
  const paths = tlsPaths(spec);
  if (!paths) return [];
  return [
    literal('SSL_CERTIFICATE_FILE', paths.certificate),
    literal('SSL_PRIVATE_KEY_FILE', paths.privateKey),
    ...(paths.ca ? [literal('SSL_CA_FILE', paths.ca)] : []),
  ];
}

/** `spiloConfiguration`: the value of SPILO_CONFIGURATION (hooks/pod/spilo-configuration.ts). */
export function spiloEnvironment(cluster: Cluster, config: OperatorConfig, podEnvironment: PodEnvironment, spiloConfiguration: string): EnvVar[] {
  return new EnvList()
    .add(...fixedVariables(cluster, config), ...conditionalVariables(cluster, config, spiloConfiguration))
    .addIfAbsent(...(cluster.spec.env ?? []))
    .add(...cloneVariables(cluster, config), ...standbyVariables(cluster, config))
    .addIfAbsent(...podEnvironment.fromSecret, ...podEnvironment.fromConfigMap)
    .addIfAbsent(...archiveVariables(cluster, config), ...tlsVariables(cluster.spec))
    .toArray();
}
