// The API server's rules for the workloads: StatefulSet and Deployment (pkg/apis/apps/validation),
// Job and CronJob (pkg/apis/batch/validation), with the names their controllers derive for pods,
// revisions and Jobs, and the pod template each one carries.
import { cronSchedule } from './cron.js';
import { dns1123Label, dns1123Subdomain, labelValue } from './identifiers.js';
import { labelSelectorProblems, metadataProblems, selects, templateMetadataProblems } from './metadata.js';
import { podTemplateProblems, type PodTemplateRules } from './pod.js';
import { fields, int32Field, integerField, isObject, items, oneOf, textOf, type Fields, type Problems } from './problems.js';
import { nonNegativeQuantity } from './resources.js';

/** The controller appends "-" and a hash of up to 10 characters to make the controller-revision-hash label. */
export const MAX_STATEFULSET_NAME_LENGTH = 63 - 11;
/** The CronJob controller appends "-" and up to 10 digits to name its Jobs, which must stay label values. */
export const MAX_CRONJOB_NAME_LENGTH = 63 - 11;
/** A Deployment's ReplicaSets are named with "-" and a hash of up to 10 characters. */
const MAX_DEPLOYMENT_NAME_LENGTH = 253 - 11;

const LONG_RUNNING: PodTemplateRules = { restartPolicies: new Set(['Always']), activeDeadline: false, claimVolumes: [] };
const RUN_ONCE: PodTemplateRules = { restartPolicies: new Set(['OnFailure', 'Never']), activeDeadline: true, claimVolumes: [] };
const POD_MANAGEMENT_POLICIES: ReadonlySet<string> = new Set(['OrderedReady', 'Parallel']);
const STATEFULSET_STRATEGIES: ReadonlySet<string> = new Set(['RollingUpdate', 'OnDelete']);
const DEPLOYMENT_STRATEGIES: ReadonlySet<string> = new Set(['RollingUpdate', 'Recreate']);
const RETENTION_POLICIES: ReadonlySet<string> = new Set(['Retain', 'Delete']);
const ACCESS_MODES: ReadonlySet<string> = new Set(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']);
const VOLUME_MODES: ReadonlySet<string> = new Set(['Block', 'Filesystem']);
const CONCURRENCY_POLICIES: ReadonlySet<string> = new Set(['Allow', 'Forbid', 'Replace']);
const PERCENT = /^[0-9]+%$/;
/** Labels the Job controller puts on its pods; the API server sets them from the Job's name and uid. */
const JOB_NAME_LABELS = ['batch.kubernetes.io/job-name', 'job-name'];
const JOB_UID_LABELS = ['batch.kubernetes.io/controller-uid', 'controller-uid'];
const JOB_COUNTS = ['parallelism', 'completions', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes'] as const;

export function statefulSetProblems(p: Problems, object: Fields): void {
  metadataProblems(p, object.metadata, statefulSetName);
  const spec = fields(object.spec);
  int32Field(p, spec.replicas, 'spec.replicas', 0);
  int32Field(p, spec.minReadySeconds, 'spec.minReadySeconds', 0);
  int32Field(p, spec.revisionHistoryLimit, 'spec.revisionHistoryLimit', 0);
  oneOf(p, spec.podManagementPolicy, 'spec.podManagementPolicy', POD_MANAGEMENT_POLICIES);
  const strategy = fields(spec.updateStrategy);
  oneOf(p, strategy.type, 'spec.updateStrategy.type', STATEFULSET_STRATEGIES);
  if (strategy.type === 'OnDelete' && strategy.rollingUpdate !== undefined) p.add('spec.updateStrategy.rollingUpdate', 'may be set only for RollingUpdate');
  int32Field(p, fields(strategy.rollingUpdate).partition, 'spec.updateStrategy.rollingUpdate.partition', 0);
  const retention = fields(spec.persistentVolumeClaimRetentionPolicy);
  oneOf(p, retention.whenDeleted, 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted', RETENTION_POLICIES);
  oneOf(p, retention.whenScaled, 'spec.persistentVolumeClaimRetentionPolicy.whenScaled', RETENTION_POLICIES);
  // Pods get the service as their DNS subdomain, which must be a label.
  const serviceName = textOf(spec.serviceName);
  if (serviceName !== undefined && serviceName !== '') p.check('spec.serviceName', dns1123Label(serviceName));
  const claimVolumes: string[] = [];
  items(spec.volumeClaimTemplates).forEach((claim, i) => {
    const claimName = claimTemplateProblems(p, fields(claim), `spec.volumeClaimTemplates[${i}]`);
    if (claimName !== undefined) claimVolumes.push(claimName);
  });
  selectorProblems(p, spec);
  podTemplateProblems(p, spec.template, 'spec.template', { ...LONG_RUNNING, claimVolumes });
}

function statefulSetName(name: string): readonly string[] {
  const reasons = dns1123Label(name);
  if (name.length <= MAX_STATEFULSET_NAME_LENGTH) return reasons;
  return [...reasons, `must be no more than ${MAX_STATEFULSET_NAME_LENGTH} characters: its pods are labelled with the name, "-" and a revision hash`];
}

/**
 * A volume claim template; its name when it can name a volume of the pods. The claims made from it,
 * <template>-<statefulset>-<ordinal>, are valid names whenever both parts are valid labels.
 */
function claimTemplateProblems(p: Problems, claim: Fields, path: string): string | undefined {
  const name = textOf(fields(claim.metadata).name);
  templateMetadataProblems(p, claim.metadata, `${path}.metadata`);
  if (name === undefined || name === '') p.add(`${path}.metadata.name`, 'is required');
  else p.checkField(path, 'metadata.name', dns1123Label(name));
  const spec = fields(claim.spec);
  const modes = items(spec.accessModes);
  if (modes.length === 0) p.add(`${path}.spec.accessModes`, 'must have at least one access mode');
  modes.forEach((mode, i) => oneOf(p, mode, `${path}.spec.accessModes[${i}]`, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) p.add(`${path}.spec.accessModes`, 'may not combine ReadWriteOncePod with another access mode');
  const requests = fields(fields(spec.resources).requests);
  if (requests.storage === undefined) p.add(`${path}.spec.resources.requests.storage`, 'is required');
  else {
    const storage = nonNegativeQuantity(p, requests.storage, `${path}.spec.resources.requests.storage`);
    if (storage !== undefined && storage.digits === 0n) p.add(`${path}.spec.resources.requests.storage`, 'must be greater than zero');
  }
  oneOf(p, spec.volumeMode, `${path}.spec.volumeMode`, VOLUME_MODES);
  const storageClass = textOf(spec.storageClassName);
  if (storageClass !== undefined && storageClass !== '') p.checkField(path, 'spec.storageClassName', dns1123Subdomain(storageClass));
  labelSelectorProblems(p, spec.selector, `${path}.spec.selector`, false);
  return name !== undefined && dns1123Label(name).length === 0 ? name : undefined;
}

export function deploymentProblems(p: Problems, object: Fields): void {
  metadataProblems(p, object.metadata, deploymentName);
  const spec = fields(object.spec);
  int32Field(p, spec.replicas, 'spec.replicas', 0);
  int32Field(p, spec.minReadySeconds, 'spec.minReadySeconds', 0);
  int32Field(p, spec.revisionHistoryLimit, 'spec.revisionHistoryLimit', 0);
  int32Field(p, spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds', 0);
  if (typeof spec.progressDeadlineSeconds === 'number' && spec.progressDeadlineSeconds <= ((spec.minReadySeconds as number | undefined) ?? 0)) {
    p.add('spec.progressDeadlineSeconds', 'must be greater than minReadySeconds');
  }
  const strategy = fields(spec.strategy);
  oneOf(p, strategy.type, 'spec.strategy.type', DEPLOYMENT_STRATEGIES);
  if (strategy.type === 'Recreate' && strategy.rollingUpdate !== undefined) p.add('spec.strategy.rollingUpdate', 'may not be set when the type is Recreate');
  if (isObject(strategy.rollingUpdate)) {
    const { maxUnavailable, maxSurge } = strategy.rollingUpdate;
    intOrPercentProblems(p, maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable');
    intOrPercentProblems(p, maxSurge, 'spec.strategy.rollingUpdate.maxSurge');
    // Both default to 25% when absent.
    if (maxUnavailable !== undefined && maxSurge !== undefined && amountOf(maxUnavailable) === 0 && amountOf(maxSurge) === 0) {
      p.add('spec.strategy.rollingUpdate.maxUnavailable', 'may not be 0 when maxSurge is 0');
    }
  }
  selectorProblems(p, spec);
  podTemplateProblems(p, spec.template, 'spec.template', LONG_RUNNING);
}

function deploymentName(name: string): readonly string[] {
  const reasons = dns1123Subdomain(name);
  if (name.length <= MAX_DEPLOYMENT_NAME_LENGTH) return reasons;
  return [...reasons, `must be no more than ${MAX_DEPLOYMENT_NAME_LENGTH} characters: its ReplicaSets add "-" and a hash`];
}

/** The selector is present, not empty, valid, and selects the pods of the template. */
function selectorProblems(p: Problems, spec: Fields): void {
  labelSelectorProblems(p, spec.selector, 'spec.selector', true);
  if (isObject(spec.selector) && !selects(spec.selector, fields(fields(spec.template).metadata).labels)) {
    p.add('spec.template.metadata.labels', 'must be selected by spec.selector');
  }
}

export function jobProblems(p: Problems, object: Fields): void {
  const name = textOf(fields(object.metadata).name) ?? '';
  metadataProblems(p, object.metadata, jobName);
  const spec = fields(object.spec);
  if (spec.manualSelector === true) selectorProblems(p, spec);
  else generatedSelectorProblems(p, spec, name);
  jobSpecProblems(p, spec, 'spec');
}

function jobName(name: string): readonly string[] {
  const reasons = dns1123Subdomain(name);
  const asLabel = labelValue(name);
  if (asLabel.length === 0) return reasons;
  return [...reasons, ...asLabel.map((reason) => `${reason}: its pods are labelled with the Job's name`)];
}

/** Without manualSelector the API server writes the selector and these pod labels itself. */
function generatedSelectorProblems(p: Problems, spec: Fields, name: string): void {
  if (spec.selector !== undefined) p.add('spec.selector', 'must not be set: the API server generates it (manualSelector is not true)');
  const labels = fields(fields(fields(spec.template).metadata).labels);
  for (const key of JOB_NAME_LABELS) {
    if (labels[key] !== undefined && labels[key] !== name) p.add(`spec.template.metadata.labels[${key}]`, 'must be the Job name or absent');
  }
  for (const key of JOB_UID_LABELS) {
    if (labels[key] !== undefined) p.add(`spec.template.metadata.labels[${key}]`, "must be absent: it is set to the Job's uid");
  }
}

/** The fields of a Job spec, also of a CronJob's job template. */
function jobSpecProblems(p: Problems, spec: Fields, path: string): void {
  for (const field of JOB_COUNTS) {
    if (spec[field] !== undefined) int32Field(p, spec[field], `${path}.${field}`, 0);
  }
  integerField(p, spec.activeDeadlineSeconds, `${path}.activeDeadlineSeconds`, 0);
  podTemplateProblems(p, spec.template, `${path}.template`, RUN_ONCE);
}

export function cronJobProblems(p: Problems, object: Fields): void {
  metadataProblems(p, object.metadata, cronJobName);
  const spec = fields(object.spec);
  const schedule = textOf(spec.schedule);
  if (schedule === undefined || schedule === '') p.add('spec.schedule', 'is required');
  else p.check('spec.schedule', cronSchedule(schedule));
  oneOf(p, spec.concurrencyPolicy, 'spec.concurrencyPolicy', CONCURRENCY_POLICIES);
  integerField(p, spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds', 0);
  int32Field(p, spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit', 0);
  int32Field(p, spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit', 0);
  // spec.timeZone names an entry of the API server's time zone database: not checked offline.
  const jobTemplate = fields(spec.jobTemplate);
  templateMetadataProblems(p, jobTemplate.metadata, 'spec.jobTemplate.metadata');
  const jobSpec = fields(jobTemplate.spec);
  if (jobSpec.selector !== undefined) p.add('spec.jobTemplate.spec.selector', 'must not be set: it is generated for each Job');
  if (jobSpec.manualSelector === true) p.add('spec.jobTemplate.spec.manualSelector', 'must not be true');
  jobSpecProblems(p, jobSpec, 'spec.jobTemplate.spec');
}

function cronJobName(name: string): readonly string[] {
  const reasons = dns1123Subdomain(name);
  if (name.length <= MAX_CRONJOB_NAME_LENGTH) return reasons;
  return [...reasons, `must be no more than ${MAX_CRONJOB_NAME_LENGTH} characters: its Jobs add "-" and up to 10 digits`];
}

/** A non-negative count, or a percentage of at most 100% (ValidatePositiveIntOrPercent, IsNotMoreThan100Percent). */
export function intOrPercentProblems(p: Problems, value: unknown, path: string): void {
  if (value === undefined) return;
  if (typeof value === 'number') int32Field(p, value, path, 0);
  else if (typeof value !== 'string' || !PERCENT.test(value)) p.add(path, 'must be an integer or a percentage such as "25%"');
  else if (Number(value.slice(0, -1)) > 100) p.add(path, 'must not be greater than 100%');
}

function amountOf(value: unknown): number {
  return typeof value === 'string' ? Number(value.replace('%', '')) : Number(value);
}
