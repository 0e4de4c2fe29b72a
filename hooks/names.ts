// Every object name and label this operator writes comes from here, so the Zalando naming rules
// live in one place.
import { hash } from 'node:crypto';
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
  PodMonitor: 'PodMonitor.monitoring.coreos.com/v1',
} as const;
export type ChildKind = (typeof ChildKind)[keyof typeof ChildKind];

/** Related objects the customize hook asks for, keyed as Metacontroller keys them. */
export const RelatedKind = { Pod: 'Pod.v1', PersistentVolumeClaim: 'PersistentVolumeClaim.v1', PostgresTeam: `PostgresTeam.${API_GROUP}/v1` } as const;

export function childKindOf(object: { apiVersion: string; kind: string }): string {
  return `${object.kind}.${object.apiVersion}`;
}

/** Replaces every `{key}` of a Zalando string template. */
export function formatTemplate(template: string, values: Record<string, string>): string {
  let out = template;
  for (const key of Object.keys(values)) {
    const placeholder = `{${key}}`;
    if (out.includes(placeholder)) out = out.replaceAll(placeholder, values[key]!);
  }
  return out;
}

export type Role = 'master' | 'replica';

export const SETUP_HASH_LENGTH = 10;

/**
 * `secret_name_template` with Zalando's two constant placeholders filled in. Every credential Secret name (some 35
 * a call) starts from it, so the last one is kept: one entry, keyed by the configured template.
 */
let lastCredentialTemplate = { configured: '', filled: '' };

function credentialTemplate(configured: string): string {
  if (lastCredentialTemplate.configured !== configured) {
    lastCredentialTemplate = { configured, filled: formatTemplate(configured, { tprkind: PARENT_KIND, tprgroup: API_GROUP }) };
  }
  return lastCredentialTemplate.filled;
}

/** `<cluster>-<kind>-` with the cluster part cut so that the name with its hash stays a label value (63). */
function jobPrefix(cluster: string, kind: string): string {
  return `${cluster.slice(0, 63 - kind.length - 2 - SETUP_HASH_LENGTH).replace(/-+$/, '')}-${kind}-`;
}

/**
 * How a kind of child is named: a template around the cluster name in Zalando's `{cluster}` syntax, read from the
 * configuration where Zalando makes it configurable; `{username}` stands for a role name (credential Secrets). The
 * names below and the inverse (which other cluster names give the same name) are both derived from these rules.
 */
export interface NameRule {
  kinds: readonly ChildKind[];
  template: (config: OperatorConfig) => string;
  /** Longest name used as it is; a longer one is cut (see `names.logicalBackupCronJob`). */
  maxLength?: number;
}

/** A rule the configuration does not change. */
interface FixedRule extends NameRule { template: () => string }

function fixed(kinds: readonly ChildKind[], template: string): FixedRule {
  return { kinds, template: () => template };
}

const SERVICE_KINDS = [ChildKind.Service, ChildKind.Endpoints] as const;
// The pooler Services' Endpoints are answered in Endpoints mode (children/endpoints.ts).
const POOLER_KINDS = [ChildKind.Deployment, ChildKind.Service, ChildKind.Endpoints] as const;
const POOLER_TEMPLATE = { master: '{cluster}-pooler', replica: '{cluster}-pooler-repl' } as const;

/** The CronJob controller appends 11 characters to a CronJob's name for its Jobs, which must stay a label value. */
export const CRONJOB_NAME_LENGTH = 52;
const CUT_HASH_LENGTH = 8;

export const nameRules = {
  statefulSet: fixed([ChildKind.StatefulSet], '{cluster}'),
  service: { master: fixed(SERVICE_KINDS, '{cluster}'), replica: fixed(SERVICE_KINDS, '{cluster}-repl') },
  primaryPdb: { kinds: [ChildKind.PodDisruptionBudget], template: (config) => config.pdb_name_format },
  criticalOpPdb: fixed([ChildKind.PodDisruptionBudget], 'postgres-{cluster}-critical-op-pdb'),
  pooler: { master: fixed(POOLER_KINDS, POOLER_TEMPLATE.master), replica: fixed(POOLER_KINDS, POOLER_TEMPLATE.replica) },
  poolerAuthSecret: {
    master: fixed([ChildKind.Secret], `${POOLER_TEMPLATE.master}-u`),
    replica: fixed([ChildKind.Secret], `${POOLER_TEMPLATE.replica}-u`),
  },
  poolerPdb: {
    master: fixed([ChildKind.PodDisruptionBudget], `${POOLER_TEMPLATE.master}-pdb`),
    replica: fixed([ChildKind.PodDisruptionBudget], `${POOLER_TEMPLATE.replica}-pdb`),
  },
  credentialSecret: { kinds: [ChildKind.Secret], template: (config) => credentialTemplate(config.secret_name_template) },
  podMonitor: fixed([ChildKind.PodMonitor], '{cluster}'),
  logicalBackupCronJob: {
    kinds: [ChildKind.CronJob],
    template: (config) => `${config.logical_backup_job_prefix}{cluster}`,
    maxLength: CRONJOB_NAME_LENGTH,
  },
} as const satisfies Record<string, NameRule | Record<Role, NameRule>>;

/** Every rule, role pairs flattened. */
export const allNameRules: readonly NameRule[] = Object.values(nameRules).flatMap((entry) => ('kinds' in entry ? [entry] : [entry.master, entry.replica]));

/** The rule's name for a cluster (and a role name where the template has one), before any cut. */
export function nameBy(rule: NameRule, config: OperatorConfig, cluster: string, username?: string): string {
  return formatTemplate(rule.template(config), username === undefined ? { cluster } : { username, cluster });
}

function fixedName(rule: FixedRule, cluster: string): string {
  return formatTemplate(rule.template(), { cluster });
}

function logicalBackupCronJob(cluster: string, config: OperatorConfig, owns: (name: string) => boolean): string {
  const full = nameBy(nameRules.logicalBackupCronJob, config, cluster);
  if (full.length <= CRONJOB_NAME_LENGTH) return full;
  // Zalando's cut gives every cluster sharing the first characters the same name: it is kept only where this
  // cluster already owns that CronJob; elsewhere a hash of the whole cluster name makes the cut unique.
  const zalandoCut = full.slice(0, CRONJOB_NAME_LENGTH).replace(/-+$/, '');
  if (owns(zalandoCut)) return zalandoCut;
  const suffix = hash('sha256', cluster, 'hex').slice(0, CUT_HASH_LENGTH);
  return `${full.slice(0, CRONJOB_NAME_LENGTH - CUT_HASH_LENGTH - 1).replace(/-+$/, '')}-${suffix}`;
}

export const names = {
  statefulSet: (cluster: string) => fixedName(nameRules.statefulSet, cluster),
  service: (cluster: string, role: Role) => fixedName(nameRules.service[role], cluster),
  endpoints: (cluster: string, role: Role) => names.service(cluster, role),
  primaryPdb: (cluster: string, config: OperatorConfig) => nameBy(nameRules.primaryPdb, config, cluster),
  criticalOpPdb: (cluster: string) => fixedName(nameRules.criticalOpPdb, cluster),
  /** `owns` tells whether this cluster already owns a CronJob of that name (observed as its child). */
  logicalBackupCronJob: (cluster: string, config: OperatorConfig, owns: (name: string) => boolean) =>
    logicalBackupCronJob(cluster, config, owns),
  pooler: (cluster: string, role: Role) => fixedName(nameRules.pooler[role], cluster),
  poolerAuthSecret: (cluster: string, role: Role) => fixedName(nameRules.poolerAuthSecret[role], cluster),
  poolerPdb: (cluster: string, role: Role) => fixedName(nameRules.poolerPdb[role], cluster),
  podMonitor: (cluster: string) => fixedName(nameRules.podMonitor, cluster),
  credentialSecret: (username: string, cluster: string, config: OperatorConfig) =>
    nameBy(nameRules.credentialSecret, config, cluster, username.replaceAll('_', '-')),
  /** The setup Job and its state ConfigMap; the cluster part is shortened to keep the Job name a label value. */
  setup: (cluster: string, hash: string) => `${names.setupPrefix(cluster)}${hash}`,
  setupPrefix: (cluster: string) => jobPrefix(cluster, 'setup'),
  /** An operations Job and its state ConfigMap (`<cluster>-<action>-<hash>`), shortened like the setup Job's. */
  operations: (cluster: string, action: string, hash: string) => `${jobPrefix(cluster, action)}${hash}`,
  operationsPrefix: (cluster: string, action: string) => jobPrefix(cluster, action),
  /** The on-demand logical backup Job (`<cluster>-logical-backup-<hash of the request id>`). */
  logicalBackupJob: (cluster: string, hash: string) => `${names.logicalBackupJobPrefix(cluster)}${hash}`,
  logicalBackupJobPrefix: (cluster: string) => jobPrefix(cluster, 'logical-backup'),
  /** The restore Job and its state ConfigMap (`<cluster>-restore-<hash of the request id>`). */
  restore: (cluster: string, hash: string) => `${names.restorePrefix(cluster)}${hash}`,
  restorePrefix: (cluster: string) => jobPrefix(cluster, 'restore'),
  /** The StatefulSet's pod of an ordinal. */
  pod: (cluster: string, ordinal: number) => `${names.statefulSet(cluster)}-${ordinal}`,
  /** The ordinal of a pod name of the cluster's StatefulSet; undefined for any other name. */
  podOrdinal: (cluster: string, name: string) => {
    const match = /^(.*)-(0|[1-9][0-9]*)$/.exec(name);
    return match && match[1] === names.statefulSet(cluster) ? Number(match[2]) : undefined;
  },
  pgdataVolume: 'pgdata',
  /** The data volume's claim of a pod: the StatefulSet controller names it `<template>-<statefulset>-<ordinal>`. */
  pgdataClaim: (cluster: string, ordinal: number) => `${names.pgdataVolume}-${names.pod(cluster, ordinal)}`,
} as const;

const CLUSTER = '{cluster}';
const USERNAME = '{username}';

/** A template as literals (even indices) and placeholders (odd indices). */
function templateParts(template: string): string[] {
  return template.split(/(\{cluster\}|\{username\})/);
}

/**
 * Whether a name of this template tells the cluster part apart: the template has `{cluster}`, and where it also has a
 * role name, once each and joined by a character a cluster name cannot contain (a role name may hold any of them).
 */
function clusterPartIsUnique(parts: string[]): boolean {
  const placeholders = parts.filter((_, i) => i % 2 === 1);
  const clusters = placeholders.filter((p) => p === CLUSTER).length;
  const usernames = placeholders.length - clusters;
  if (clusters === 0) return false;
  if (usernames === 0) return true;
  return clusters === 1 && usernames === 1 && /[^-a-z0-9]/.test(parts[2] ?? '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function templatePattern(parts: string[]): RegExp {
  let clusterSeen = false;
  const source = parts.map((part, i) => {
    if (i % 2 === 0) return escapeRegExp(part);
    if (part === USERNAME) return '.+';
    if (clusterSeen) return '\\k<cluster>';
    clusterSeen = true;
    return '(?<cluster>[-a-z0-9]+)';
  });
  return new RegExp(`^${source.join('')}$`);
}

/** Whether the rule's names carry a role name besides the cluster's (credential Secrets). */
export function ruleNamesRoles(rule: NameRule, config: OperatorConfig): boolean {
  return rule.template(config).includes(USERNAME);
}

/** Whether two different clusters can never get the same name from this rule. */
export function ruleTellsClustersApart(rule: NameRule, config: OperatorConfig): boolean {
  return clusterPartIsUnique(templateParts(rule.template(config)));
}

/** The clusters whose name under `rule` (uncut) is `name`; `'any'` when the template cannot tell. */
function clustersNamedBy(rule: NameRule, name: string, config: OperatorConfig): string[] | 'any' {
  const parts = templateParts(rule.template(config));
  const match = templatePattern(parts).exec(name);
  if (!match) return [];
  if (!clusterPartIsUnique(parts)) return 'any';
  if (rule.maxLength !== undefined && name.length > rule.maxLength) return [];
  return [match.groups?.cluster ?? ''];
}

/**
 * Every cluster name that gives a child of `kind` the name `name` under some rule, this one's own included;
 * `'any'` when a configured template cannot tell (every cluster, or one per role name, could). Cut CronJob names
 * are not inverted: they depend on what the other cluster owns.
 */
export function clustersNaming(kind: string, name: string, config: OperatorConfig): string[] | 'any' {
  const found = new Set<string>();
  for (const rule of allNameRules) {
    if (!rule.kinds.some((k) => k === kind)) continue;
    const clusters = clustersNamedBy(rule, name, config);
    if (clusters === 'any') return 'any';
    for (const cluster of clusters) found.add(cluster);
  }
  return [...found].sort();
}

/** Fixed paths and ports of the Spilo image. */
export const spilo = {
  pgdataMountPath: '/home/postgres/pgdata',
  pgroot: '/home/postgres/pgdata/pgroot',
  postgresPort: 5432,
  patroniPort: 8008,
  serviceAccountTokenPath: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token',
} as const;

/** The `application` label of each Job's objects and pods (the sync hook reads their pods' termination messages). */
export const jobApplications = { setup: 'db-setup', operations: 'db-operations', restore: 'db-restore' } as const;

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
  /** On database pods: the hash of what in their template needs a new pod (hooks/pod/template-hash.ts). */
  podTemplateHash: 'postgres-metacontroller.io/pod-template-hash',
  /** On the `postgresql` object: declarative operations, each value a request id run once. */
  switchover: 'postgres-metacontroller.io/switchover',
  switchoverTo: 'postgres-metacontroller.io/switchover-to',
  restart: 'postgres-metacontroller.io/restart',
  reload: 'postgres-metacontroller.io/reload',
  /** On the `postgresql` object: a request id that runs the logical backup now, once (hooks/backup/). */
  logicalBackup: 'postgres-metacontroller.io/logical-backup',
  /** On the `postgresql` object: a request id that restores a logical backup, once, as the next four say. */
  restoreLogicalBackup: 'postgres-metacontroller.io/restore-logical-backup',
  restoreSource: 'postgres-metacontroller.io/restore-logical-backup-source',
  restoreDatabase: 'postgres-metacontroller.io/restore-logical-backup-database',
  restoreFromDatabase: 'postgres-metacontroller.io/restore-logical-backup-from-database',
  restoreOverwrite: 'postgres-metacontroller.io/restore-logical-backup-overwrite',
  /** On the `postgresql` object: a new request id runs a failed major version upgrade again. */
  majorUpgradeRetry: 'postgres-metacontroller.io/major-upgrade-retry',
  /** On the `postgresql` object: Zalando's operator's mark of a failed upgrade; it blocks upgrades until removed. */
  zalandoUpgradeFailure: 'last-major-upgrade-failure',
  /** On the `postgresql` object: `"true"` stops every pod and keeps every object (hooks/switches.ts). */
  hibernate: 'postgres-metacontroller.io/hibernate',
  /** On the `postgresql` object: `"true"` answers every observed child unchanged (hooks/switches.ts). */
  pause: 'postgres-metacontroller.io/pause',
} as const;
