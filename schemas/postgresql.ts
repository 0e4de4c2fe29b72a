// The `postgresql` custom resource (acid.zalan.do/v1): every field of Zalando's current CRD with its
// validation rules, plus the status this operator writes. Single source for the CRD YAML, the hook's
// validation and the TypeScript types.
import Type, { type Static } from 'typebox';
import {
  EnvVar, KubeContainer, KubeContainerPort, KubeEnvFromSource, KubeNodeAffinity, KubeProbe, KubeToleration,
  KubeTopologySpreadConstraint, KubeVolumeSource, LabelSelector,
} from './kube.js';
import {
  CIDR, CPU_QUANTITY, CRON_SCHEDULE, DNS1123_LABEL, DNS1123_SUBDOMAIN, LABEL_VALUE, MAINTENANCE_WINDOW, MEMORY_QUANTITY,
  orEmpty, RELATIVE_SUB_PATH, RFC3339_WITH_OFFSET, UUID,
} from './patterns.js';

const StringMap = () => Type.Record(Type.String(), Type.String());

// The API server's rules for what these fields become in the children (hooks/api-rules), where a schema can say them.
const INT32_MAX = 2147483647;
/** Names of containers and volumes. */
const Dns1123Label = (options: { optional?: boolean } = {}) =>
  Type.String({ maxLength: 63, pattern: options.optional ? orEmpty(DNS1123_LABEL) : DNS1123_LABEL, ...(options.optional ? {} : { minLength: 1 }) });
/** Names of classes (storage, priority, scheduler), where empty means the default. */
const OptionalClassName = () => Type.Optional(Type.String({ maxLength: 253, pattern: orEmpty(DNS1123_SUBDOMAIN) }));
const SubPath = () => Type.Optional(Type.String({ pattern: RELATIVE_SUB_PATH }));
/** User and group ids of the pods' security context. */
const UnixId = () => Type.Optional(Type.Integer({ minimum: 0, maximum: INT32_MAX }));

export const USER_FLAGS = [
  'bypassrls', 'createdb', 'createrole', 'inherit', 'login', 'replication', 'superuser',
  'nobypassrls', 'nocreatedb', 'nocreaterole', 'noinherit', 'nologin', 'noreplication', 'nosuperuser',
] as const;
const UserFlag = Type.Enum([...USER_FLAGS, ...USER_FLAGS.map((f) => f.toUpperCase())]);

export const POSTGRES_VERSIONS = ['14', '15', '16', '17', '18'] as const;

export const ResourceDescription = Type.Object({
  cpu: Type.Optional(Type.String({ pattern: CPU_QUANTITY })),
  memory: Type.Optional(Type.String({ pattern: MEMORY_QUANTITY })),
  'hugepages-2Mi': Type.Optional(Type.String({ pattern: MEMORY_QUANTITY })),
  'hugepages-1Gi': Type.Optional(Type.String({ pattern: MEMORY_QUANTITY })),
});
export type ResourceDescription = Static<typeof ResourceDescription>;

export const Resources = Type.Object({
  requests: Type.Optional(ResourceDescription),
  limits: Type.Optional(ResourceDescription),
});
export type Resources = Static<typeof Resources>;

const Volume = Type.Object({
  size: Type.String({ pattern: MEMORY_QUANTITY }),
  storageClass: OptionalClassName(),
  subPath: SubPath(),
  isSubPathExpr: Type.Optional(Type.Boolean()),
  selector: Type.Optional(LabelSelector()),
  iops: Type.Optional(Type.Integer({ maximum: 80000 })),
  throughput: Type.Optional(Type.Integer({ maximum: 2000 })),
  type: Type.Optional(Type.String()),
});

const Patroni = Type.Object({
  initdb: Type.Optional(StringMap()),
  pg_hba: Type.Optional(Type.Array(Type.String())),
  ttl: Type.Optional(Type.Integer({ minimum: 0 })),
  loop_wait: Type.Optional(Type.Integer({ minimum: 0 })),
  retry_timeout: Type.Optional(Type.Integer({ minimum: 0 })),
  maximum_lag_on_failover: Type.Optional(Type.Integer()),
  slots: Type.Optional(Type.Record(Type.String(), StringMap())),
  synchronous_mode: Type.Optional(Type.Boolean()),
  synchronous_mode_strict: Type.Optional(Type.Boolean()),
  synchronous_node_count: Type.Optional(Type.Integer({ minimum: 0 })),
  failsafe_mode: Type.Optional(Type.Boolean()),
});

const ConnectionPooler = Type.Object({
  numberOfInstances: Type.Optional(Type.Integer({ minimum: 1, maximum: INT32_MAX })),
  schema: Type.Optional(Type.String()),
  user: Type.Optional(Type.String()),
  mode: Type.Optional(Type.Enum(['session', 'transaction'])),
  dockerImage: Type.Optional(Type.String()),
  maxDBConnections: Type.Optional(Type.Integer({ minimum: 1 })),
  resources: Type.Optional(Resources),
});

const Clone = Type.Object({
  cluster: Type.String(),
  uid: Type.Optional(Type.String({ pattern: UUID })),
  timestamp: Type.Optional(Type.String({ pattern: RFC3339_WITH_OFFSET })),
  s3_wal_path: Type.Optional(Type.String()),
  s3_endpoint: Type.Optional(Type.String()),
  s3_access_key_id: Type.Optional(Type.String()),
  s3_secret_access_key: Type.Optional(Type.String()),
  s3_force_path_style: Type.Optional(Type.Boolean()),
});

const Standby = Type.Object(
  {
    s3_wal_path: Type.Optional(Type.String()),
    gs_wal_path: Type.Optional(Type.String()),
    standby_host: Type.Optional(Type.String()),
    standby_port: Type.Optional(Type.String()),
    standby_primary_slot_name: Type.Optional(Type.String()),
  },
  {
    description: 'At least one of s3_wal_path, gs_wal_path and standby_host; s3_wal_path and gs_wal_path exclude each other.',
    anyOf: [{ required: ['s3_wal_path'] }, { required: ['gs_wal_path'] }, { required: ['standby_host'] }],
    not: { required: ['s3_wal_path', 'gs_wal_path'] },
  },
);

const Tls = Type.Object({
  // Both name Secret volumes of the pods as well as the Secrets.
  secretName: Dns1123Label(),
  certificateFile: Type.Optional(Type.String()),
  privateKeyFile: Type.Optional(Type.String()),
  caFile: Type.Optional(Type.String()),
  caSecretName: Type.Optional(Dns1123Label({ optional: true })),
});

const AdditionalVolume = Type.Object({
  name: Dns1123Label(),
  mountPath: Type.String({ minLength: 1 }),
  subPath: SubPath(),
  isSubPathExpr: Type.Optional(Type.Boolean()),
  targetContainers: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
  volumeSource: KubeVolumeSource(),
});

const Sidecar = Type.Object({
  name: Type.Optional(Dns1123Label({ optional: true })),
  image: Type.String({ minLength: 1 }),
  resources: Type.Optional(Resources),
  ports: Type.Optional(Type.Array(KubeContainerPort())),
  env: Type.Optional(Type.Array(EnvVar())),
  command: Type.Optional(Type.Array(Type.String())),
});

const PreparedSchema = Type.Object({
  defaultRoles: Type.Optional(Type.Boolean()),
  defaultUsers: Type.Optional(Type.Boolean()),
});

const PreparedDatabase = Type.Object({
  defaultUsers: Type.Optional(Type.Boolean()),
  schemas: Type.Optional(Type.Record(Type.String(), PreparedSchema)),
  extensions: Type.Optional(StringMap()),
  secretNamespace: Type.Optional(Type.String()),
});

const StreamTable = Type.Object({
  eventType: Type.String(),
  recoveryEventType: Type.Optional(Type.String()),
  ignoreRecovery: Type.Optional(Type.Boolean()),
  idColumn: Type.Optional(Type.String()),
  payloadColumn: Type.Optional(Type.String()),
});

const Stream = Type.Object({
  applicationId: Type.String(),
  database: Type.String(),
  tables: Type.Record(Type.String(), StreamTable),
  filter: Type.Optional(StringMap()),
  batchSize: Type.Optional(Type.Integer({ minimum: 0 })),
  cpu: Type.Optional(Type.String({ pattern: CPU_QUANTITY })),
  memory: Type.Optional(Type.String({ pattern: MEMORY_QUANTITY })),
  enableRecovery: Type.Optional(Type.Boolean()),
});

const OptionalBool = () => Type.Optional(Type.Boolean());
const OptionalPort = () => Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 }));

export const PostgresSpec = Type.Object({
  // The value of every child's `team` label.
  teamId: Type.String({ maxLength: 63, pattern: LABEL_VALUE }),
  numberOfInstances: Type.Integer({ minimum: 0, maximum: INT32_MAX }),
  postgresql: Type.Object({
    version: Type.Enum([...POSTGRES_VERSIONS]),
    parameters: Type.Optional(StringMap()),
  }),
  volume: Volume,
  patroni: Type.Optional(Patroni),
  resources: Type.Optional(Resources),
  dockerImage: Type.Optional(Type.String()),

  enableConnectionPooler: OptionalBool(),
  enableReplicaConnectionPooler: OptionalBool(),
  connectionPooler: Type.Optional(ConnectionPooler),

  spiloRunAsUser: UnixId(),
  spiloRunAsGroup: UnixId(),
  spiloFSGroup: UnixId(),

  enableMasterLoadBalancer: OptionalBool(),
  enableMasterPoolerLoadBalancer: OptionalBool(),
  enableReplicaLoadBalancer: OptionalBool(),
  enableReplicaPoolerLoadBalancer: OptionalBool(),
  enableMasterNodePort: OptionalBool(),
  masterNodePort: OptionalPort(),
  enableMasterPoolerNodePort: OptionalBool(),
  masterPoolerNodePort: OptionalPort(),
  enableReplicaNodePort: OptionalBool(),
  replicaNodePort: OptionalPort(),
  enableReplicaPoolerNodePort: OptionalBool(),
  replicaPoolerNodePort: OptionalPort(),
  allowedSourceRanges: Type.Optional(Type.Union([Type.Array(Type.String({ pattern: CIDR })), Type.Null()])),

  users: Type.Optional(Type.Record(Type.String(), Type.Union([Type.Array(UserFlag), Type.Null()]))),
  usersIgnoringSecretRotation: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
  usersWithSecretRotation: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
  usersWithInPlaceSecretRotation: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
  databases: Type.Optional(StringMap()),
  preparedDatabases: Type.Optional(Type.Record(Type.String(), PreparedDatabase)),

  maintenanceWindows: Type.Optional(Type.Array(Type.String({ pattern: MAINTENANCE_WINDOW }))),
  clone: Type.Optional(Clone),
  standby: Type.Optional(Standby),

  schedulerName: OptionalClassName(),
  nodeAffinity: Type.Optional(KubeNodeAffinity()),
  topologySpreadConstraints: Type.Optional(Type.Array(KubeTopologySpreadConstraint())),
  tolerations: Type.Optional(Type.Array(KubeToleration())),
  livenessProbe: Type.Optional(KubeProbe()),
  sidecars: Type.Optional(Type.Array(Sidecar)),
  initContainers: Type.Optional(Type.Array(KubeContainer())),
  podPriorityClassName: OptionalClassName(),
  enableShmVolume: OptionalBool(),

  enableLogicalBackup: OptionalBool(),
  logicalBackupRetention: Type.Optional(Type.String()),
  logicalBackupSchedule: Type.Optional(Type.String({ pattern: CRON_SCHEDULE })),

  podAnnotations: Type.Optional(StringMap()),
  serviceAnnotations: Type.Optional(StringMap()),
  masterServiceAnnotations: Type.Optional(StringMap()),
  replicaServiceAnnotations: Type.Optional(StringMap()),
  tls: Type.Optional(Tls),
  additionalVolumes: Type.Optional(Type.Array(AdditionalVolume)),
  streams: Type.Optional(Type.Array(Stream)),
  env: Type.Optional(Type.Array(EnvVar())),
  envFrom: Type.Optional(Type.Array(KubeEnvFromSource())),
});
export type PostgresSpec = Static<typeof PostgresSpec>;

export const CLUSTER_STATUSES = ['Creating', 'Updating', 'UpdateFailed', 'SyncFailed', 'CreateFailed', 'Running', 'Invalid'] as const;

export const Condition = Type.Object({
  type: Type.String(),
  status: Type.Enum(['True', 'False', 'Unknown']),
  reason: Type.String(),
  message: Type.String(),
  lastTransitionTime: Type.String({ format: 'date-time' }),
});
export type Condition = Static<typeof Condition>;

/** A declarative operation (an annotation's request id) the operations Job has handled, and how it ended. */
export const HandledRequest = Type.Object({
  requestId: Type.String(),
  outcome: Type.Enum(['Succeeded', 'Failed', 'Skipped']),
});
export type HandledRequest = Static<typeof HandledRequest>;

export const DECLARATIVE_OPERATIONS = ['switchover', 'restart', 'reload'] as const;
export type DeclarativeOperation = (typeof DECLARATIVE_OPERATIONS)[number];

/** Requests run once each by their own Job (hooks/backup/): the on-demand logical backup and the restore. */
export const BACKUP_REQUESTS = ['logicalBackup', 'logicalRestore'] as const;
export type BackupRequest = (typeof BACKUP_REQUESTS)[number];
/** Every request recorded in `status.operations`. */
export const RECORDED_REQUESTS = [...DECLARATIVE_OPERATIONS, ...BACKUP_REQUESTS] as const;

export const OperationsStatus = Type.Object({
  switchover: Type.Optional(HandledRequest),
  restart: Type.Optional(HandledRequest),
  reload: Type.Optional(HandledRequest),
  logicalBackup: Type.Optional(HandledRequest),
  logicalRestore: Type.Optional(HandledRequest),
});
export type OperationsStatus = Static<typeof OperationsStatus>;

/** The server's major version as the hooks last knew it, and how the last in-place upgrade ended. */
export const MajorVersionStatus = Type.Object({
  /** Absent while unknown (a cluster taken over, a lost status): the next upgrade Job finds it out. */
  current: Type.Optional(Type.String()),
  lastUpgrade: Type.Optional(Type.Object({
    targetMajor: Type.String(),
    retry: Type.Optional(Type.String()),
    outcome: Type.Enum(['Succeeded', 'Failed']),
  })),
});
export type MajorVersionStatus = Static<typeof MajorVersionStatus>;

export const PostgresStatus = Type.Object({
  PostgresClusterStatus: Type.String({ description: `One of ${CLUSTER_STATUSES.join(', ')} (empty when unknown)` }),
  observedGeneration: Type.Optional(Type.Integer()),
  readyInstances: Type.Optional(Type.Integer({ minimum: 0 })),
  conditions: Type.Optional(Type.Array(Condition)),
  unmanagedSecrets: Type.Optional(Type.Array(Type.String())),
  /** The last request id of each declarative operation that was handled: the same id never runs twice. */
  operations: Type.Optional(OperationsStatus),
  majorVersion: Type.Optional(MajorVersionStatus),
});
export type PostgresStatus = Static<typeof PostgresStatus>;
