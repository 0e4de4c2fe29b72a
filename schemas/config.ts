// Operator configuration: Zalando's option names, defaulting to the values of Zalando's shipped
// OperatorConfiguration default manifest (code defaults where that manifest is silent), plus the
// few options that exist only here (marked "ours").
import Type, { type Static, type TSchema } from 'typebox';
import { KubeContainer, KubeProbe } from './kube.js';
import { CPU_QUANTITY, CRON_SCHEDULE, MEMORY_QUANTITY } from './patterns.js';

const GO_DURATION = '^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$';

const Str = (value: string, options: object = {}) => Type.String({ default: value, ...options });
const Bool = (value: boolean) => Type.Boolean({ default: value });
const Int = (value: number, options: object = {}) => Type.Integer({ default: value, ...options });
const StrList = (value: string[] = []) => Type.Array(Type.String(), { default: value });
const StrMap = (value: Record<string, string> = {}) => Type.Record(Type.String(), Type.String(), { default: value });
// An empty quantity means "no value" (Zalando's ConfigMap semantics for a key given without a value).
const CPU_OR_EMPTY = `^$|${CPU_QUANTITY}`;
const MEMORY_OR_EMPTY = `^$|${MEMORY_QUANTITY}`;
const Cpu = (value?: string) => Type.Optional(Type.String({ pattern: CPU_OR_EMPTY, ...(value === undefined ? {} : { default: value }) }));
const Memory = (value?: string) => Type.Optional(Type.String({ pattern: MEMORY_OR_EMPTY, ...(value === undefined ? {} : { default: value }) }));
const OptionalStr = () => Type.Optional(Type.String());
const Duration = (value: string) => Type.String({ default: value, pattern: GO_DURATION });

export const InfrastructureRoleSource = Type.Object({
  secretname: Type.String({ minLength: 1 }),
  userkey: Type.Optional(Type.String()),
  passwordkey: Type.String({ minLength: 1 }),
  rolekey: Type.Optional(Type.String()),
  defaultuservalue: Type.Optional(Type.String()),
  defaultrolevalue: Type.Optional(Type.String()),
  details: Type.Optional(Type.String()),
  template: Type.Optional(Type.Boolean()),
});
export type InfrastructureRoleSource = Static<typeof InfrastructureRoleSource>;

export const OperatorConfig = Type.Object({
  // images, DCS, general
  docker_image: Str('ghcr.io/zalando/spilo-18:4.1-p2'),
  kubernetes_use_configmaps: Bool(true),
  etcd_host: Str(''),
  enable_pgversion_env_var: Bool(true),
  enable_spilo_wal_path_compat: Bool(false),
  major_version_upgrade_mode: Type.Enum(['off', 'manual', 'full'], { default: 'manual' }),
  minimal_major_version: Str('14'),
  target_major_version: Str('18'),
  // with mode off, clusters of these teams are upgraded all the same
  major_version_upgrade_team_allow_list: StrList(),
  // when major version upgrades start (`Sat:22:00-23:59`, `01:00-06:00`, UTC); a manifest's own windows replace these
  enable_maintenance_windows: Bool(true),
  maintenance_windows: StrList(),
  enable_database_access: Bool(true),
  enable_owner_references: Bool(false),
  enable_team_id_clustername_prefix: Bool(false),
  persistent_volume_claim_retention_policy: StrMap({ when_deleted: 'retain', when_scaled: 'retain' }),
  // Zalando's default is true (its operator deletes the claims itself); false here: deleting a cluster keeps its
  // data volumes unless asked otherwise. True makes the StatefulSet's whenDeleted Delete.
  enable_persistent_volume_claim_deletion: Bool(false),
  storage_resize_mode: Type.Enum(['ebs', 'mixed', 'pvc', 'off'], { default: 'pvc' }),

  // users and authentication
  super_username: Str('postgres', { minLength: 1 }),
  replication_username: Str('standby', { minLength: 1 }),
  secret_name_template: Str('{username}.{cluster}.credentials.{tprkind}.{tprgroup}', { minLength: 1 }),
  enable_cross_namespace_secret: Bool(false),
  additional_owner_roles: StrList(),
  enable_password_rotation: Bool(false),
  password_rotation_interval: Int(90, { minimum: 1 }),
  password_rotation_user_retention: Int(180, { minimum: 1 }),
  protected_role_names: StrList(['admin', 'cron_admin']),
  enable_admin_role_for_users: Bool(true),
  team_admin_role: Str('admin'),
  pam_role_name: Str('zalandos'),
  pam_configuration: Str('https://info.example.com/oauth2/tokeninfo?access_token= uid realm=/employees'),
  infrastructure_roles_secret_name: OptionalStr(),
  role_deletion_suffix: Str('_deleted', { minLength: 1 }),

  // human users: Teams API and PostgresTeam (the setup Job creates their roles; see README)
  enable_teams_api: Bool(false),
  teams_api_url: Str('https://teams.example.com/api/', { minLength: 1 }),
  oauth_token_secret_name: Str('postgresql-operator', { minLength: 1 }),
  enable_team_superuser: Bool(false),
  postgres_superuser_teams: StrList(),
  team_api_role_configuration: StrMap({ log_statement: 'all' }),
  enable_team_member_deprecation: Bool(false),
  enable_postgres_team_crd: Bool(false),
  enable_postgres_team_crd_superusers: Bool(false),
  infrastructure_roles_secrets: Type.Array(InfrastructureRoleSource, { default: [] }),

  // Kubernetes objects and pods
  cluster_labels: StrMap({ application: 'spilo' }),
  cluster_name_label: Str('cluster-name', { minLength: 1 }),
  pod_role_label: Str('spilo-role', { minLength: 1 }),
  inherited_labels: StrList(),
  inherited_annotations: StrList(),
  downscaler_annotations: StrList(),
  custom_pod_annotations: StrMap(),
  custom_service_annotations: StrMap(),
  pod_service_account_name: Str('postgres-pod'),
  pod_terminate_grace_period: Duration('5m'),
  pod_management_policy: Type.Enum(['ordered_ready', 'parallel'], { default: 'ordered_ready' }),
  pod_priority_class_name: OptionalStr(),
  spilo_runasuser: Type.Optional(Type.Integer()),
  spilo_runasgroup: Type.Optional(Type.Integer()),
  spilo_fsgroup: Type.Optional(Type.Integer()),
  spilo_privileged: Bool(false),
  spilo_allow_privilege_escalation: Bool(true),
  additional_pod_capabilities: StrList(),
  enable_shm_volume: Bool(true),
  share_pgsocket_with_sidecars: Bool(false),
  enable_init_containers: Bool(true),
  enable_sidecars: Bool(true),
  sidecars: Type.Array(KubeContainer(), { default: [] }),
  sidecar_docker_images: StrMap(),
  enable_readiness_probe: Bool(false),
  liveness_probe: Type.Optional(KubeProbe()),
  enable_pod_antiaffinity: Bool(false),
  pod_antiaffinity_topology_key: Str('kubernetes.io/hostname'),
  pod_antiaffinity_preferred_during_scheduling: Bool(false),
  node_readiness_label: StrMap(),
  node_readiness_label_merge: Type.Enum(['OR', 'AND'], { default: 'OR' }),
  toleration: StrMap(),
  pod_environment_configmap: OptionalStr(),
  pod_environment_secret: OptionalStr(),
  additional_secret_mount: OptionalStr(),
  additional_secret_mount_path: OptionalStr(),
  kube_iam_role: OptionalStr(),
  irsa_role_arn: OptionalStr(),
  cluster_domain: Str('cluster.local'),
  min_instances: Int(-1, { minimum: -1 }),
  max_instances: Int(-1, { minimum: -1 }),
  ignore_instance_limits_annotation_key: OptionalStr(),
  ignore_resources_limits_annotation_key: OptionalStr(),
  enable_pod_disruption_budget: Bool(true),
  pdb_name_format: Str('postgres-{cluster}-pdb'),
  pdb_master_label_selector: Bool(true),

  // resources of the postgres container and manifest sidecars
  default_cpu_request: Cpu('100m'),
  default_memory_request: Memory('100Mi'),
  default_cpu_limit: Cpu('1'),
  default_memory_limit: Memory('500Mi'),
  min_cpu_limit: Cpu(),
  min_memory_limit: Memory(),
  max_cpu_request: Cpu(),
  max_memory_request: Memory(),
  set_memory_request_to_limit: Bool(false),

  // load balancers, DNS, WAL and log archives
  enable_master_load_balancer: Bool(false),
  enable_replica_load_balancer: Bool(false),
  enable_master_pooler_load_balancer: Bool(false),
  enable_replica_pooler_load_balancer: Bool(false),
  enable_master_node_port: Bool(false),
  enable_replica_node_port: Bool(false),
  enable_master_pooler_node_port: Bool(false),
  enable_replica_pooler_node_port: Bool(false),
  external_traffic_policy: Type.Enum(['Cluster', 'Local'], { default: 'Cluster' }),
  db_hosted_zone: Str('db.example.com'),
  master_dns_name_format: Str('{cluster}.{namespace}.{hostedzone}'),
  master_legacy_dns_name_format: Str('{cluster}.{team}.{hostedzone}'),
  replica_dns_name_format: Str('{cluster}-repl.{namespace}.{hostedzone}'),
  replica_legacy_dns_name_format: Str('{cluster}-repl.{team}.{hostedzone}'),
  aws_region: Str('eu-central-1'),
  wal_s3_bucket: OptionalStr(),
  wal_gs_bucket: OptionalStr(),
  wal_az_storage_account: OptionalStr(),
  gcp_credentials: OptionalStr(),
  log_s3_bucket: OptionalStr(),
  enable_patroni_failsafe_mode: Bool(false),

  // logical backup
  logical_backup_schedule: Str('30 00 * * *', { pattern: CRON_SCHEDULE }),
  logical_backup_docker_image: Str('ghcr.io/zalando/postgres-operator/logical-backup:v2.0.1'),
  logical_backup_provider: Type.Enum(['s3', 'gcs', 'az'], { default: 's3' }),
  logical_backup_s3_bucket: Str('my-bucket-url'),
  logical_backup_s3_bucket_prefix: Str('spilo'),
  logical_backup_s3_region: Str(''),
  logical_backup_s3_endpoint: Str(''),
  logical_backup_s3_access_key_id: Str(''),
  logical_backup_s3_secret_access_key: Str(''),
  logical_backup_s3_sse: Str('AES256'),
  logical_backup_s3_retention_time: Str(''),
  logical_backup_google_application_credentials: Str(''),
  logical_backup_azure_storage_account_name: Str(''),
  logical_backup_azure_storage_container: Str(''),
  logical_backup_azure_storage_account_key: Str(''),
  logical_backup_job_prefix: Str('logical-backup-'),
  logical_backup_cronjob_environment_secret: Str(''),
  logical_backup_cpu_request: Cpu(),
  logical_backup_memory_request: Memory(),
  logical_backup_cpu_limit: Cpu(),
  logical_backup_memory_limit: Memory(),
  logical_backup_successful_jobs_history_limit: Int(3, { minimum: 0 }),
  logical_backup_failed_jobs_history_limit: Int(3, { minimum: 0 }),
  logical_backup_ttl_seconds_after_finished: Int(86400, { minimum: 0 }),
  // ours: a sidecar of the setup Job's image in each logical backup pod records Events on the postgresql object
  // (started, succeeded, failed with the exit code and the log's tail); it needs native sidecars (Kubernetes 1.29+)
  // and `events: create` for pod_service_account_name (deploy/postgres-pod-rbac.yaml)
  enable_logical_backup_events: Bool(true),

  // connection pooler
  connection_pooler_number_of_instances: Int(2, { minimum: 1 }),
  connection_pooler_schema: Str('pooler', { minLength: 1 }),
  connection_pooler_user: Str('pooler', { minLength: 1 }),
  connection_pooler_image: Str('ghcr.io/zalando/postgres-operator/pgbouncer:v2.0.1'),
  connection_pooler_mode: Type.Enum(['session', 'transaction'], { default: 'transaction' }),
  connection_pooler_max_db_connections: Int(60, { minimum: 1 }),
  connection_pooler_default_cpu_request: Cpu('500m'),
  connection_pooler_default_memory_request: Memory('100Mi'),
  connection_pooler_default_cpu_limit: Cpu('1'),
  connection_pooler_default_memory_limit: Memory('100Mi'),

  // Scalyr log shipping sidecar
  scalyr_api_key: Str(''),
  scalyr_image: Str(''),
  scalyr_server_url: Str('https://upload.eu.scalyr.com'),
  scalyr_cpu_request: Cpu('100m'),
  scalyr_memory_request: Memory('50Mi'),
  scalyr_cpu_limit: Cpu('1'),
  scalyr_memory_limit: Memory('500Mi'),

  // ours: a postgres_exporter sidecar in every database pod (port 9187), logging in as a pg_monitor role
  enable_postgres_exporter: Bool(false),
  postgres_exporter_image: Str('quay.io/prometheuscommunity/postgres-exporter:v0.18.1', { minLength: 1 }),
  postgres_exporter_user: Str('postgres_exporter', { minLength: 1, maxLength: 63 }),
  postgres_exporter_cpu_request: Cpu('10m'),
  postgres_exporter_memory_request: Memory('32Mi'),
  postgres_exporter_cpu_limit: Cpu('200m'),
  postgres_exporter_memory_limit: Memory('128Mi'),
  // ours: a PodMonitor (Prometheus Operator) for the exporter; the CompositeController must claim podmonitors
  enable_pod_monitor: Bool(false),

  // ours: how pod template changes reach running pods
  statefulset_update_strategy: Type.Enum(['RollingUpdate', 'OnDelete'], { default: 'OnDelete' }),
  // ours: host/port/dbname/uri/jdbc-uri (and pooler-*) keys in credential Secrets
  enable_connection_secret_keys: Bool(true),
  // ours: the image that runs the setup Job (this project's image)
  setup_job_image: Str('ghcr.io/postgres-metacontroller/postgres-metacontroller:0.1.0'),
  setup_job_backoff_limit: Int(6, { minimum: 0 }),
  setup_job_active_deadline_seconds: Int(900, { minimum: 1 }),
  // ours: with a name, the setup Job runs as this ServiceAccount and records Events on the postgresql object
  // (deploy/components/namespace-access creates postgres-metacontroller-setup); empty: no token, no Events
  setup_service_account_name: Str(''),
  // ours: the operations Job (Patroni configuration, rollouts, switchover, restart, reload); an empty
  // image means the setup Job's image
  operations_job_image: Str(''),
  operations_job_backoff_limit: Int(2, { minimum: 0 }),
  operations_job_active_deadline_seconds: Int(3600, { minimum: 1 }),
  operations_service_account_name: Str('postgres-metacontroller-operations', { minLength: 1 }),
  // ours: how often the Patroni configuration is put back even when the manifest did not change
  repair_interval: Duration('30m'),
  // ours: where bare Secret/ConfigMap names of operator-wide objects (infrastructure roles) live
  operator_namespace: Str('default'),
  // ours: how often the hook asks to be called again while it waits for something (seconds)
  poll_interval_seconds: Int(30, { minimum: 1 }),
});
export type OperatorConfig = Static<typeof OperatorConfig>;

/**
 * Zalando options that do not change the objects this operator generates (they tune Zalando's own
 * control loop, logging …). Accepted so an existing configuration loads unchanged.
 */
export const ACCEPTED_WITHOUT_EFFECT = new Set([
  'workers', 'resync_period', 'repair_period', 'enable_crd_registration', 'crd_categories', 'enable_lazy_spilo_upgrade',
  'watched_namespace',
  'debug_logging', 'enable_finalizers', 'enable_secrets_deletion',
  'api_port', 'ring_log_lines', 'cluster_history_entries', 'resource_check_interval', 'resource_check_timeout',
  'pod_label_wait_timeout', 'pod_deletion_wait_timeout', 'ready_wait_interval', 'ready_wait_timeout',
  'patroni_api_check_interval', 'patroni_api_check_timeout', 'master_pod_move_timeout', 'delete_annotation_date_key', 'delete_annotation_name_key',
  'ignored_annotations', 'pod_service_account_definition', 'pod_service_account_role_binding_definition',
  'enable_load_balancer', 'replica_dns_old_name_format',
]);

export function optionSchema(key: string): TSchema | undefined {
  return (OperatorConfig.properties as Record<string, TSchema>)[key];
}
