// The operations Job and its state ConfigMap (`<cluster>-<action>-<intent hash>`), as the planner
// (hooks/operations/plan.ts) decides: a new one when an action is due, the kept ones exactly as they
// were declared (a Job's template cannot change, and a finished Job must stay to not run again).
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { OperatorConfig } from '../../schemas/config.js';
import type { KubeObject } from '../../schemas/hook.js';
import type { OperationsState } from '../../schemas/operations-state.js';
import type { Cluster } from '../cluster.js';
import { hookJob, jobLabels, jobPodSpec, keptJob, restrictedContainerSecurity, STATE_KEY, stateConfigMap, summaryAsTerminationMessage } from '../jobs.js';
import type { Observed } from '../observed.js';
import type { OperationsPlan } from '../operations/plan.js';

const STATE_DIR = '/etc/postgres-operations';

function container(config: OperatorConfig) {
  return {
    name: 'operations',
    image: config.operations_job_image || config.setup_job_image,
    imagePullPolicy: 'IfNotPresent',
    command: ['node', 'dist/operations/cli.js', '--state', `${STATE_DIR}/${STATE_KEY}`, ...summaryAsTerminationMessage.args],
    ...summaryAsTerminationMessage.fields,
    resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '256Mi' } },
    securityContext: restrictedContainerSecurity,
    volumeMounts: [{ name: 'state', mountPath: STATE_DIR, readOnly: true }],
  };
}

export function operationsJob(cluster: Cluster, config: OperatorConfig, name: string, state: OperationsState): [IConfigMap, IJob] {
  const labels = jobLabels(cluster, config, 'operations');
  // The Job talks to the Kubernetes API (pods) with its own ServiceAccount.
  const podSpec = jobPodSpec([container(config)], name, { serviceAccountName: config.operations_service_account_name });
  // Spilo's upgrade script is never run twice by the Job controller: a failed upgrade waits for a person.
  const backoffLimit = state.action === 'upgrade' ? 0 : config.operations_job_backoff_limit;
  const jobSpec = { backoffLimit, activeDeadlineSeconds: config.operations_job_active_deadline_seconds };
  return [
    stateConfigMap(cluster, config, name, labels, `${JSON.stringify(state, null, 2)}\n`),
    hookJob(cluster, config, name, labels, jobSpec, podSpec),
  ];
}

/** The kept Jobs with their ConfigMaps as last declared, then the new one. */
export function buildOperations(cluster: Cluster, config: OperatorConfig, observed: Observed, plan: OperationsPlan): KubeObject[] {
  const kept = plan.keep.flatMap((name) => keptJob(observed, name));
  const started = plan.start ? operationsJob(cluster, config, plan.start.name, plan.start.state) as unknown as KubeObject[] : [];
  return [...kept, ...started];
}
