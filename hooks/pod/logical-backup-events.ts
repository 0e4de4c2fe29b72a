// Events of a logical backup on the `postgresql` object. The backup container is Zalando's image, which
// knows nothing of them, so a native sidecar of our image (an init container with restartPolicy Always)
// records them: `LogicalBackupStarted` when the pod starts, and once the kubelet stops it after the
// backup container ended, `LogicalBackupSucceeded` or `LogicalBackupFailed` read from that container's
// status (job-events/). The sidecar never holds the pod back: the Job's pod completes from its regular
// containers, and a sidecar still running when they ended is stopped by the kubelet.
import type { IJobTemplateSpec } from 'kubernetes-models/batch/v1/JobTemplateSpec';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { OperatorConfig } from '../../schemas/config.js';
import type { Cluster } from '../cluster.js';
import { JOB_UID, restrictedContainerSecurity, summaryAsTerminationMessage } from '../jobs.js';
import { fromField } from './env-list.js';
import { BACKUP_CONTAINER } from './logical-backup-pod.js';
import { terminationGracePeriodSeconds } from './pod-spec.js';

const BACKUP_EVENTS_CONTAINER = 'backup-events';
/** Longest wait for the backup container's end in the pod's status once the sidecar was told to stop. */
const MAX_WAIT_SECONDS = 60;

/** What started the backup, for the Events' notes: the CronJob's schedule, or a request id on the postgresql object. */
export type BackupOrigin = { cronJob: string } | { requestId: string };

type JobTemplate = IJobTemplateSpec & { spec: NonNullable<IJobTemplateSpec['spec']> };

function originArgs(origin: BackupOrigin): string[] {
  return 'cronJob' in origin ? ['--cron-job', origin.cronJob] : ['--request', origin.requestId];
}

/** Half the pod's grace period, at most a minute: the kubelet kills the sidecar when the grace period is over. */
function endWaitSeconds(config: OperatorConfig): number {
  return Math.max(1, Math.min(MAX_WAIT_SECONDS, Math.floor(terminationGracePeriodSeconds(config) / 2)));
}

function sidecar(cluster: Cluster, config: OperatorConfig, origin: BackupOrigin): IContainer {
  return {
    name: BACKUP_EVENTS_CONTAINER,
    image: config.setup_job_image,
    imagePullPolicy: 'IfNotPresent',
    restartPolicy: 'Always',
    command: [
      'node', 'dist/job-events/cli.js', '--self', BACKUP_EVENTS_CONTAINER, '--container', BACKUP_CONTAINER, '--cluster', cluster.name, '--cluster-uid', cluster.uid,
      ...originArgs(origin), '--wait-seconds', String(endWaitSeconds(config)), ...summaryAsTerminationMessage.args,
    ],
    ...summaryAsTerminationMessage.fields,
    env: [fromField('POD_NAME', 'metadata.name'), fromField('POD_NAMESPACE', 'metadata.namespace')],
    // Limits on both: a namespace quota on limits must not keep the backup pod from being created.
    resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
    // The backup pod runs as Spilo's user: the sidecar names its own (the image's), non-root, no privileges.
    securityContext: { ...restrictedContainerSecurity, runAsNonRoot: true, runAsUser: JOB_UID, runAsGroup: JOB_UID, seccompProfile: { type: 'RuntimeDefault' } },
  };
}

/**
 * The template with the Events sidecar when `enable_logical_backup_events` is on. The backup container then leaves the
 * tail of its log as its termination message when it fails (dump.sh writes none), which the sidecar quotes, but for
 * `az`: dump.sh traces its commands, and Azure's takes the account key as an argument.
 */
export function withBackupEvents(template: JobTemplate, cluster: Cluster, config: OperatorConfig, origin: BackupOrigin): JobTemplate {
  if (!config.enable_logical_backup_events) return template;
  const pod = template.spec.template.spec!;
  const logTail = config.logical_backup_provider === 'az' ? {} : { terminationMessagePolicy: 'FallbackToLogsOnError' as const };
  return {
    ...template,
    spec: {
      ...template.spec,
      template: {
        ...template.spec.template,
        spec: {
          ...pod,
          initContainers: [...(pod.initContainers ?? []), sidecar(cluster, config, origin)],
          containers: pod.containers.map((container) => (container.name === BACKUP_CONTAINER ? { ...container, ...logTail } : container)),
        },
      },
    },
  };
}
