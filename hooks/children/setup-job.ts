// The setup Job and its state ConfigMap (`<cluster>-setup-<hash>`). The hash covers the state, the Job
// template and the passwords it hands over, so any change yields new names instead of an update to a
// Job's immutable template. A Job runs only once a database pod is ready; the finished Job stays a
// child so it is not created again, and Jobs of older hashes are dropped.
import { createHash } from 'node:crypto';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { OperatorConfig } from '../../schemas/config.js';
import { baseLabels, inheritedAnnotations, objectMeta, type Cluster } from '../cluster.js';
import type { ConditionInput } from '../status.js';
import { sorted } from '../maps.js';
import { ChildKind, labelKeys, names, SETUP_HASH_LENGTH, spilo } from '../names.js';
import type { Observed } from '../observed.js';
import { fromSecret, literal } from '../pod/env-list.js';
import { desiredSetup, setupSkipReason } from '../setup-state.js';
import type { Role } from '../roles/model.js';
import { serviceHost } from './secrets.js';

export const SETUP_STATE_KEY = 'state.json';
const STATE_DIR = '/etc/postgres-setup';
const SETUP_UID = 10001;

export interface SetupResult { children: Array<IJob | IConfigMap>; condition: ConditionInput }

function setupLabels(cluster: Cluster, config: OperatorConfig) {
  return sorted({ ...baseLabels(cluster, config), [labelKeys.application]: 'db-setup', [labelKeys.team]: cluster.spec.teamId });
}

function hashOf(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, SETUP_HASH_LENGTH);
}

function container(cluster: Cluster, config: OperatorConfig, passwords: Array<{ env: string; secretName: string }>) {
  const superuser = names.credentialSecret(config.super_username, cluster.name, config);
  const env = [
    literal('PGHOST', serviceHost(names.service(cluster.name, 'master'), cluster, config)),
    literal('PGPORT', String(spilo.postgresPort)),
    literal('PGDATABASE', 'postgres'),
    fromSecret('PGUSER', superuser, 'username'),
    fromSecret('PGPASSWORD', superuser, 'password'),
    literal('PGSSLMODE', 'require'),
    literal('PGCONNECT_TIMEOUT', '15'),
    ...passwords.map((p) => fromSecret(p.env, p.secretName, 'password')),
  ];
  return {
    name: 'setup',
    image: config.setup_job_image,
    imagePullPolicy: 'IfNotPresent',
    command: ['node', 'dist/setup/cli.js', '--state', `${STATE_DIR}/${SETUP_STATE_KEY}`],
    env,
    resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '256Mi' } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    volumeMounts: [{ name: 'state', mountPath: STATE_DIR, readOnly: true }],
  };
}

function jobCondition(job: IJob | undefined, waiting: boolean): ConditionInput {
  const type = 'DatabaseSetup';
  if (!job) {
    return waiting
      ? { type, ok: false, reason: 'WaitingForPrimary', message: 'the setup Job starts once a database pod is ready' }
      : { type, ok: false, reason: 'Pending', message: 'the setup Job was requested' };
  }
  const name = job.metadata?.name ?? '';
  const conditions = job.status?.conditions ?? [];
  if (conditions.some((c) => c.type === 'Complete' && c.status === 'True')) {
    return { type, ok: true, reason: 'Succeeded', message: `Job ${name} applied roles and databases` };
  }
  const failed = conditions.find((c) => c.type === 'Failed' && c.status === 'True');
  if (failed) {
    return { type, ok: false, reason: 'Failed', message: `Job ${name} failed (${failed.reason ?? 'unknown'}: ${failed.message ?? ''}); its pod logs say why; delete the Job to run it again` };
  }
  return { type, ok: false, reason: 'Running', message: `Job ${name} is running` };
}

export function buildSetup(cluster: Cluster, config: OperatorConfig, observed: Observed, roles: Role[], secrets: ISecret[]): SetupResult {
  const skip = setupSkipReason(cluster, config);
  if (skip) return { children: [], condition: { type: 'DatabaseSetup', ok: true, reason: 'Skipped', message: `no setup Job: ${skip}` } };

  const { state, passwords } = desiredSetup(cluster, config, roles, secrets);
  const stateJson = `${JSON.stringify(state, null, 2)}\n`;
  const podSpec = {
    restartPolicy: 'Never',
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: SETUP_UID, runAsGroup: SETUP_UID, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [container(cluster, config, passwords)],
    // The volume names the ConfigMap, whose name is the hash of all this: filled in below.
    volumes: [{ name: 'state', configMap: { name: '' } }],
  };
  const labels = setupLabels(cluster, config);
  const jobSpec = { backoffLimit: config.setup_job_backoff_limit, activeDeadlineSeconds: config.setup_job_active_deadline_seconds };
  // A changed password must reach the database: it gives a new Job.
  const secretPasswords = new Map(secrets.map((s) => [s.metadata?.name, s.data?.password ?? '']));
  const handedOver = passwords.map((p) => secretPasswords.get(p.secretName) ?? '');
  const name = names.setup(cluster.name, hashOf([stateJson, podSpec, jobSpec, labels, handedOver]));
  podSpec.volumes[0]!.configMap.name = name;

  const configMap: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: objectMeta(cluster, name, labels, inheritedAnnotations(cluster, config)),
    immutable: true,
    data: { [SETUP_STATE_KEY]: stateJson },
  };
  const current = observed.child<IJob>(ChildKind.Job, name);
  const statefulSet = observed.child<IStatefulSet>(ChildKind.StatefulSet, names.statefulSet(cluster.name));
  const ready = (statefulSet?.status?.readyReplicas ?? 0) > 0;
  if (!current && !ready) return { children: [configMap], condition: jobCondition(undefined, true) };

  const job: IJob = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: objectMeta(cluster, name, labels, inheritedAnnotations(cluster, config)),
    spec: { ...jobSpec, template: { metadata: { labels }, spec: podSpec } } as IJob['spec'],
  };
  return { children: [configMap, job], condition: jobCondition(current, false) };
}
