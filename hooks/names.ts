// Every object name and label this operator writes comes from here, so the Zalando naming rules
// live in one place.
import type { OperatorConfig } from '../schemas/config.js';

export const API_GROUP = 'acid.zalan.do';
export const PARENT_KIND = 'postgresql';

/** Children map keys as Metacontroller writes them: `Kind.version` for core, `Kind.group/version` otherwise. */
export const ChildKind = {
  StatefulSet: 'StatefulSet.apps/v1',
  Service: 'Service.v1',
  Endpoints: 'Endpoints.v1',
  Secret: 'Secret.v1',
  PodDisruptionBudget: 'PodDisruptionBudget.policy/v1',
  CronJob: 'CronJob.batch/v1',
  Job: 'Job.batch/v1',
  Deployment: 'Deployment.apps/v1',
  ConfigMap: 'ConfigMap.v1',
} as const;
export type ChildKind = (typeof ChildKind)[keyof typeof ChildKind];

export function childKindOf(object: { apiVersion: string; kind: string }): string {
  return `${object.kind}.${object.apiVersion}`;
}

/** Replaces every `{key}` of a Zalando string template. */
export function formatTemplate(template: string, values: Record<string, string>): string {
  let out = template;
  for (const [key, value] of Object.entries(values)) out = out.replaceAll(`{${key}}`, value);
  return out;
}

export type Role = 'master' | 'replica';

export const SETUP_HASH_LENGTH = 10;

export const names = {
  statefulSet: (cluster: string) => cluster,
  service: (cluster: string, role: Role) => (role === 'master' ? cluster : `${cluster}-repl`),
  endpoints: (cluster: string, role: Role) => names.service(cluster, role),
  primaryPdb: (cluster: string, config: OperatorConfig) => formatTemplate(config.pdb_name_format, { cluster }),
  criticalOpPdb: (cluster: string) => `postgres-${cluster}-critical-op-pdb`,
  logicalBackupCronJob: (cluster: string, config: OperatorConfig) =>
    `${config.logical_backup_job_prefix}${cluster}`.slice(0, 52).replace(/-+$/, ''),
  pooler: (cluster: string, role: Role) => (role === 'master' ? `${cluster}-pooler` : `${cluster}-pooler-repl`),
  poolerAuthSecret: (cluster: string, role: Role) => `${names.pooler(cluster, role)}-u`,
  poolerPdb: (cluster: string, role: Role) => `${names.pooler(cluster, role)}-pdb`,
  credentialSecret: (username: string, cluster: string, config: OperatorConfig) =>
    formatTemplate(config.secret_name_template, {
      username: username.replaceAll('_', '-'),
      cluster,
      tprkind: PARENT_KIND,
      tprgroup: API_GROUP,
    }),
  /** The setup Job and its state ConfigMap; the cluster part is shortened to keep the Job name a label value. */
  setup: (cluster: string, hash: string) => `${names.setupPrefix(cluster)}${hash}`,
  setupPrefix: (cluster: string) => `${cluster.slice(0, 63 - '-setup-'.length - SETUP_HASH_LENGTH).replace(/-+$/, '')}-setup-`,
  pgdataVolume: 'pgdata',
} as const;

/** Fixed paths and ports of the Spilo image. */
export const spilo = {
  pgdataMountPath: '/home/postgres/pgdata',
  pgroot: '/home/postgres/pgdata/pgroot',
  postgresPort: 5432,
  patroniPort: 8008,
  serviceAccountTokenPath: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token',
} as const;

export const labelKeys = {
  team: 'team',
  criticalOperation: 'critical-operation',
  application: 'application',
  connectionPooler: 'connection-pooler',
  /** Added by Metacontroller with generateSelector; never ours to set. */
  controllerUid: 'controller-uid',
} as const;

export const annotationKeys = {
  lastApplied: 'metacontroller.k8s.io/last-applied-configuration',
  externalDnsHostname: 'external-dns.alpha.kubernetes.io/hostname',
  kubeIamRole: 'iam.amazonaws.com/role',
  /** On pooler pods: changes with the pooler's credentials, so the pods restart and read them again. */
  poolerCredentials: 'postgres-metacontroller.io/pooler-credentials',
} as const;
