// Environment variables Spilo reads by their upper-case names only. Spilo's configure_spilo.py
// (zalando/spilo postgres-appliance/scripts, at 7cb50bd) copies the environment into `placeholders`
// (`get_placeholders`) and reads the names below from it; names are case-sensitive, so `wal_s3_bucket`
// is never read. The DCS variables are the exception: `get_dcs_config` lower-cases every name that
// starts with kubernetes_, zookeeper_, exhibitor_, consul_, etcd3_ or etcd_, so any spelling works.
import type { OperatorConfig } from '../../schemas/config.js';
import type { Cluster } from '../cluster.js';
import type { EnvVar } from '../pod/env-list.js';
import type { PodEnvironment } from '../pod/pod-environment.js';

/** `get_placeholders`, `write_certificates`, `write_log_environment`, `write_pgbouncer_configuration`, `main`. */
const SPILO_VARIABLES = [
  'ALLOW_NOSSL', 'APIPORT', 'AWS_LEADER_TAG_VALUE', 'BACKUP_NUM_TO_RETAIN', 'BACKUP_SCHEDULE', 'BGMON_LISTEN_IP',
  'CALLBACK_SCRIPT', 'CLONE_HOST', 'CLONE_METHOD', 'CLONE_PASSWORD', 'CLONE_PGPASS', 'CLONE_PORT',
  'CLONE_TARGET_INCLUSIVE', 'CLONE_TARGET_TIME', 'CLONE_TARGET_TIMELINE', 'CLONE_USER', 'CLONE_WITH_BASEBACKUP',
  'CLONE_WITH_WALE', 'CRONTAB',
  'DCS_ENABLE_KUBERNETES_API', 'DEBUG', 'DEVELOP', 'EIP_ALLOCATION', 'HUMAN_ROLE', 'INITDB_LOCALE', 'LOG_ENV_DIR',
  'LOG_GROUP_BY_DATE', 'LOG_S3_BUCKET', 'LOG_S3_ENDPOINT', 'LOG_S3_TAGS', 'LOG_SHIP_HOURLY', 'LOG_SHIP_SCHEDULE',
  'LOG_TMPDIR', 'LOG_BUCKET_SCOPE_PREFIX', 'LOG_BUCKET_SCOPE_SUFFIX', 'NAMESPACE', 'PAM_OAUTH2', 'PATH',
  'PATRONI_CONFIGURATION', 'PGBOUNCER_AUTH', 'PGBOUNCER_AUTHENTICATION', 'PGBOUNCER_CONFIGURATION', 'PGDATA', 'PGHOME',
  'PGLOG', 'PGPASSWORD_ADMIN', 'PGPASSWORD_STANDBY', 'PGPASSWORD_SUPERUSER', 'PGROOT', 'PGUSER_ADMIN', 'PGUSER_STANDBY',
  'PGUSER_SUPERUSER', 'PG_CONNECT_ADDRESS', 'POD_IP', 'POD_NAMESPACE', 'RESTAPI_CONNECT_ADDRESS', 'RW_DIR',
  'SPILO_CONFIGURATION', 'SPILO_PROVIDER', 'SSL_CA', 'SSL_CA_FILE', 'SSL_CERTIFICATE', 'SSL_CERTIFICATE_FILE', 'SSL_CRL',
  'SSL_CRL_FILE', 'SSL_PRIVATE_KEY', 'SSL_PRIVATE_KEY_FILE', 'SSL_RESTAPI_CA', 'SSL_RESTAPI_CA_FILE',
  'SSL_RESTAPI_CERTIFICATE', 'SSL_RESTAPI_CERTIFICATE_FILE', 'SSL_RESTAPI_PRIVATE_KEY', 'SSL_RESTAPI_PRIVATE_KEY_FILE',
  'SSL_TEST_RELOAD', 'STANDBY_CLUSTER', 'STANDBY_HOST', 'STANDBY_PORT', 'STANDBY_PRIMARY_SLOT_NAME', 'STANDBY_WITH_WALE',
  'USE_ADMIN', 'USE_PAUSE_AT_RECOVERY_TARGET',
  'WALE_BACKUP_THRESHOLD_MEGABYTES', 'WALE_BACKUP_THRESHOLD_PERCENTAGE', 'WALE_TMPDIR', 'WAL_RESTORE_TIMEOUT',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT', 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE',
];

/**
 * `write_wale_environment` (its name lists, read with the prefix '', CLONE_ or STANDBY_) and
 * `set_walg_placeholders`. (`no_proxy`, `http_proxy` and `https_proxy` are read in lower case and are
 * not here.)
 */
const WAL_VARIABLES = [
  'PGVERSION', 'PGPORT', 'WALE_ENV_DIR', 'SCOPE', 'WAL_BUCKET_SCOPE_PREFIX', 'WAL_BUCKET_SCOPE_SUFFIX', 'WAL_S3_BUCKET',
  'WAL_GCS_BUCKET', 'WAL_GS_BUCKET', 'WAL_SWIFT_BUCKET', 'BACKUP_NUM_TO_RETAIN', 'ENABLE_WAL_PATH_COMPAT',
  'WALE_S3_PREFIX', 'WALG_S3_PREFIX', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'WALE_S3_ENDPOINT', 'AWS_ENDPOINT',
  'AWS_REGION', 'AWS_INSTANCE_PROFILE', 'WALE_DISABLE_S3_SSE', 'WALG_S3_SSE_KMS_ID', 'WALG_S3_SSE', 'WALG_DISABLE_S3_SSE',
  'AWS_S3_FORCE_PATH_STYLE', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_STS_REGIONAL_ENDPOINTS',
  'WALE_SWIFT_PREFIX', 'SWIFT_AUTHURL', 'SWIFT_TENANT', 'SWIFT_TENANT_ID', 'SWIFT_USER', 'SWIFT_USER_ID',
  'SWIFT_USER_DOMAIN_NAME', 'SWIFT_USER_DOMAIN_ID', 'SWIFT_PASSWORD', 'SWIFT_AUTH_VERSION', 'SWIFT_ENDPOINT_TYPE',
  'SWIFT_REGION', 'SWIFT_DOMAIN_NAME', 'SWIFT_DOMAIN_ID', 'SWIFT_PROJECT_NAME', 'SWIFT_PROJECT_ID',
  'SWIFT_PROJECT_DOMAIN_NAME', 'SWIFT_PROJECT_DOMAIN_ID', 'WALE_GS_PREFIX', 'WALG_GS_PREFIX',
  'GOOGLE_APPLICATION_CREDENTIALS', 'WALG_DELTA_MAX_STEPS', 'WALG_DELTA_ORIGIN', 'WALG_DOWNLOAD_CONCURRENCY',
  'WALG_UPLOAD_CONCURRENCY', 'WALG_UPLOAD_DISK_CONCURRENCY', 'WALG_DISK_RATE_LIMIT', 'WALG_NETWORK_RATE_LIMIT',
  'WALG_COMPRESSION_METHOD', 'USE_WALG', 'USE_WALG_BACKUP', 'USE_WALG_RESTORE', 'WALG_BACKUP_COMPRESSION_METHOD',
  'WALG_BACKUP_FROM_REPLICA', 'WALG_SENTINEL_USER_DATA', 'WALG_PREVENT_WAL_OVERWRITE', 'WALG_S3_CA_CERT_FILE',
  'WALG_LIBSODIUM_KEY', 'WALG_LIBSODIUM_KEY_PATH', 'WALG_LIBSODIUM_KEY_TRANSFORM', 'WALG_PGP_KEY', 'WALG_PGP_KEY_PATH',
  'WALG_PGP_KEY_PASSPHRASE', 'WALG_AZ_PREFIX', 'AZURE_STORAGE_ACCOUNT', 'WALG_AZURE_BUFFER_SIZE',
  'WALG_AZURE_MAX_BUFFERS', 'AZURE_ENVIRONMENT_NAME', 'AZURE_STORAGE_ACCESS_KEY', 'AZURE_STORAGE_SAS_TOKEN',
  'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_TENANT_ID', 'WALG_SSH_PREFIX', 'SSH_PRIVATE_KEY_PATH',
  'SSH_USERNAME', 'SSH_PORT',
];

/** `set_extended_wale_placeholders`, which only runs with the prefix CLONE_ or STANDBY_. */
const CLONE_AND_STANDBY_ONLY = ['WALE_GCS_PREFIX', 'WALE_AZ_PREFIX', 'WAL_AZ_BUCKET'];

const UPPER_CASE_ONLY = new Set([
  ...SPILO_VARIABLES,
  ...WAL_VARIABLES,
  ...['CLONE_', 'STANDBY_'].flatMap((prefix) => [...WAL_VARIABLES, ...CLONE_AND_STANDBY_ONLY].map((name) => `${prefix}${name}`)),
]);

/** configure_spilo.py PATRONI_DCS: `get_dcs_config` accepts these prefixes in any case. */
const DCS_PREFIXES = ['kubernetes', 'zookeeper', 'exhibitor', 'consul', 'etcd3', 'etcd'];

/** The upper-case name Spilo reads when `name` is another spelling of it. */
function upperCaseSpelling(name: string): string | undefined {
  const upper = name.toUpperCase();
  if (upper === name || !UPPER_CASE_ONLY.has(upper)) return undefined;
  if (DCS_PREFIXES.includes(name.split('_')[0]!.toLowerCase())) return undefined;
  return upper;
}

function misspelled(vars: EnvVar[], where: (index: number, name: string) => string, laterSources: string): string[] {
  return vars.flatMap((variable, index) => {
    const upper = upperCaseSpelling(variable.name);
    if (!upper) return [];
    // hooks/pod/env-list.ts `addIfAbsent` compares names case-insensitively, as Zalando does.
    return [`${where(index, variable.name)}: Spilo reads only ${upper}, so this spelling has no effect; and as names are deduplicated case-insensitively, it would keep a ${upper} from ${laterSources} out of the pod`];
  });
}

/** spec.env and the pod environment ConfigMap and Secret, when the hook has them. */
export function lowerCaseSpiloVariables(cluster: Cluster, config: OperatorConfig, environment?: PodEnvironment): string[] {
  return [
    ...misspelled(cluster.spec.env ?? [], (index, name) => `spec.env[${index}] ${name}`, 'the pod environment or the operator configuration'),
    ...misspelled(environment?.fromSecret ?? [], (_, name) => `pod_environment_secret ${config.pod_environment_secret}, key ${name}`, 'the operator configuration'),
    ...misspelled(environment?.fromConfigMap ?? [], (_, name) => `pod_environment_configmap ${config.pod_environment_configmap}, key ${name}`, 'the operator configuration'),
  ];
}
