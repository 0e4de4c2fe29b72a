// The setup Job and its state ConfigMap (`<cluster>-setup-<hash>`). The hash covers the state, the Job
// template and the passwords it hands over, so any change yields new names instead of an update to a
// Job's immutable template. It also covers the repair bucket, so the setup runs again once per
// `repair_interval` and puts back what was changed by hand. A Job runs only once a database pod is ready;
// the finished Job stays a child so it is not created again, and Jobs of older hashes are dropped once
// they have finished (one still running is kept, with its ConfigMap, and the new one waits for it).
import { hash } from 'node:crypto';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { OperatorConfig } from '../../schemas/config.js';
import { clusterDigest, type Cluster } from '../cluster.js';
import { memo } from '../memo.js';
import { hookJob, intentHash, jobLabels, jobOutcome, outcomeCondition, jobPodSpec, keptJob, repairBucket, restrictedContainerSecurity, STATE_KEY, stateConfigMap, summaryAsTerminationMessage } from '../jobs.js';
import type { ConditionInput } from '../status.js';
import { ChildKind, names, spilo } from '../names.js';
import type { Observed } from '../observed.js';
import { fromSecret, literal } from '../pod/env-list.js';
import { desiredSetup, setupSkipReason } from '../setup-state.js';
import type { Role } from '../roles/model.js';
import { humanSetup, observedTeamMap, TOKEN_KEYS, tokenSecretName } from '../roles/teams.js';
import { TEAMS_API_TOKEN_ENV, type SetupHumans } from '../../schemas/setup-state.js';
import { serviceHost } from './secrets.js';
import { isHibernated } from '../switches.js';

const STATE_DIR = '/etc/postgres-setup';

export interface SetupResult { children: Array<IJob | IConfigMap>; condition: ConditionInput; warnings: string[] }

/** The Teams API token, optional: without it the Job reports the Teams API unavailable and does the rest. */
function tokenEnv(config: OperatorConfig) {
  const name = tokenSecretName(config);
  const optionalKey = (env: string, key: string) => ({ name: env, valueFrom: { secretKeyRef: { name, key, optional: true } } });
  return [optionalKey(TEAMS_API_TOKEN_ENV.token, TOKEN_KEYS.token), optionalKey(TEAMS_API_TOKEN_ENV.type, TOKEN_KEYS.type)];
}

/** libpq's environment for the superuser through the master Service: the setup and restore Jobs connect with it. */
export function superuserConnectionEnv(cluster: Cluster, config: OperatorConfig) {
  const superuser = names.credentialSecret(config.super_username, cluster.name, config);
  return [
    literal('PGHOST', serviceHost(names.service(cluster.name, 'master'), cluster, config)),
    literal('PGPORT', String(spilo.postgresPort)),
    literal('PGDATABASE', 'postgres'),
    fromSecret('PGUSER', superuser, 'username'),
    fromSecret('PGPASSWORD', superuser, 'password'),
    literal('PGSSLMODE', 'require'),
    literal('PGCONNECT_TIMEOUT', '15'),
  ];
}

function container(cluster: Cluster, config: OperatorConfig, passwords: Array<{ env: string; secretName: string }>, withToken: boolean) {
  const env = [
    ...superuserConnectionEnv(cluster, config),
    ...passwords.map((p) => fromSecret(p.env, p.secretName, 'password')),
    ...(withToken ? tokenEnv(config) : []),
  ];
  return {
    name: 'setup',
    image: config.setup_job_image,
    imagePullPolicy: 'IfNotPresent',
    command: ['node', 'dist/setup/cli.js', '--state', `${STATE_DIR}/${STATE_KEY}`, ...summaryAsTerminationMessage.args],
    ...summaryAsTerminationMessage.fields,
    env,
    resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '256Mi' } },
    securityContext: restrictedContainerSecurity,
    volumeMounts: [{ name: 'state', mountPath: STATE_DIR, readOnly: true }],
  };
}

function jobCondition(job: IJob | undefined, observed: Observed, waiting: 'primary' | 'hibernated' | undefined): ConditionInput {
  const type = 'DatabaseSetup';
  if (!job) {
    if (waiting === 'hibernated') return { type, ok: false, reason: 'Hibernated', message: 'the setup Job starts once the cluster is woken up' };
    return waiting === 'primary'
      ? { type, ok: false, reason: 'WaitingForPrimary', message: 'the setup Job starts once a database pod is ready' }
      : { type, ok: false, reason: 'Pending', message: 'the setup Job was requested' };
  }
  return outcomeCondition(type, job.metadata?.name ?? '', jobOutcome(job, observed));
}

/** The name of a setup Job of an earlier intent that has not finished. */
function unfinishedEarlierJob(cluster: Cluster, observed: Observed, current: string): string | undefined {
  const prefix = names.setupPrefix(cluster.name);
  return observed.children<IJob>(ChildKind.Job)
    .map((job) => ({ name: job.metadata?.name ?? '', job }))
    .filter(({ name, job }) => name.startsWith(prefix) && name !== current && jobOutcome(job, observed).state === 'Running')
    .map(({ name }) => name)
    .sort()[0];
}

/** The setup Job of one intent and its state ConfigMap. */
interface SetupIntent { name: string; configMap: IConfigMap; job: IJob }

/**
 * Intents of specs seen lately: writing the state and hashing it is most of the setup's cost, and it is the same
 * while the spec, the roles, the Secrets' logins and passwords, the human users and the repair bucket are.
 */
const rememberedIntents = memo<SetupIntent>(256);

function setupIntent(cluster: Cluster, config: OperatorConfig, roles: Role[], secrets: ISecret[], humans: SetupHumans | undefined, bucket: number): SetupIntent {
  const logins = secrets.map((s) => [s.metadata?.name, s.data?.username, s.data?.password]);
  // Hashed, so that no password is kept as a key.
  const key = hash('sha256', JSON.stringify([clusterDigest(cluster), roles, logins, humans ?? null, bucket]), 'base64');
  return rememberedIntents(config, key, () => {
    const { state, passwords } = desiredSetup(cluster, config, roles, secrets, humans);
    const stateJson = `${JSON.stringify(state, null, 2)}\n`;
    // The volume names the ConfigMap, whose name is the hash of all this: filled in below.
    // Only a Job that records Events talks to the Kubernetes API; the others get no token at all.
    const account = config.setup_service_account_name ? { serviceAccountName: config.setup_service_account_name } : { automountServiceAccountToken: false };
    const podSpec = jobPodSpec([container(cluster, config, passwords, humans?.teamsApiUrl !== undefined)], '', account);
    const labels = jobLabels(cluster, config, 'setup');
    const jobSpec = { backoffLimit: config.setup_job_backoff_limit, activeDeadlineSeconds: config.setup_job_active_deadline_seconds };
    // A changed password must reach the database: it gives a new Job.
    const secretPasswords = new Map(secrets.map((s) => [s.metadata?.name, s.data?.password ?? '']));
    const handedOver = passwords.map((p) => secretPasswords.get(p.secretName) ?? '');
    const name = names.setup(cluster.name, intentHash([stateJson, podSpec, jobSpec, labels, handedOver, bucket]));
    podSpec.volumes[0]!.configMap.name = name;
    return { name, configMap: stateConfigMap(cluster, config, name, labels, stateJson), job: hookJob(cluster, config, name, labels, jobSpec, podSpec) };
  });
}

export function buildSetup(cluster: Cluster, config: OperatorConfig, observed: Observed, roles: Role[], secrets: ISecret[], now: Date): SetupResult {
  const skip = setupSkipReason(cluster, config);
  if (skip) return { children: [], condition: { type: 'DatabaseSetup', ok: true, reason: 'Skipped', message: `no setup Job: ${skip}` }, warnings: [] };

  const { humans, warnings } = humanSetup(cluster, config, observedTeamMap(observed), roles);
  const { name, configMap, job } = setupIntent(cluster, config, roles, secrets, humans, repairBucket(now, config).bucket);
  const current = observed.child<IJob>(ChildKind.Job, name);
  // Deleting a running Job would stop its pod halfway: the new intent waits until the earlier Job finished.
  const earlier = current ? undefined : unfinishedEarlierJob(cluster, observed, name);
  if (earlier) {
    return {
      children: keptJob(observed, earlier) as Array<IJob | IConfigMap>,
      condition: { type: 'DatabaseSetup', ok: false, reason: 'Running', message: `Job ${earlier} of an earlier state is running; the current state follows when it has finished` },
      warnings,
    };
  }
  const statefulSet = observed.child<IStatefulSet>(ChildKind.StatefulSet, names.statefulSet(cluster.name));
  const ready = (statefulSet?.status?.readyReplicas ?? 0) > 0;
  const hibernated = isHibernated(cluster.annotations);
  if (!current && (hibernated || !ready)) return { children: [configMap], condition: jobCondition(undefined, observed, hibernated ? 'hibernated' : 'primary'), warnings };

  return { children: [configMap, job], condition: jobCondition(current, observed, undefined), warnings };
}
