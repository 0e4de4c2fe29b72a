// The operations Jobs a cluster owns, read back with their state ConfigMaps: which action each ran,
// for which request id, how it ended, and which one of an action is the newest.
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { OPERATIONS_ACTIONS, type OperationsAction, type OperationsState } from '../../schemas/operations-state.js';
import { jobOutcome, STATE_KEY, type JobOutcome } from '../jobs.js';
import { ChildKind, names, SETUP_HASH_LENGTH } from '../names.js';
import type { Observed } from '../observed.js';
import { isMap } from '../observed-shape.js';

export interface OperationsJob {
  action: OperationsAction;
  name: string;
  outcome: JobOutcome;
  /** The state it was given; undefined when its ConfigMap is gone or unreadable. */
  state: OperationsState | undefined;
  createdAt: string;
}

const INTENT_HASH = new RegExp(`^[0-9a-f]{${SETUP_HASH_LENGTH}}$`);

function actionOf(cluster: string, name: string): OperationsAction | undefined {
  return OPERATIONS_ACTIONS.find((action) => {
    const prefix = names.operationsPrefix(cluster, action);
    return name.startsWith(prefix) && INTENT_HASH.test(name.slice(prefix.length));
  });
}

/** The state as the hooks wrote it; the fields read back are checked, anything else reads as unknown. */
function stateOf(configMap: IConfigMap | undefined): OperationsState | undefined {
  const text = configMap?.data?.[STATE_KEY];
  if (typeof text !== 'string') return undefined;
  try {
    const state: unknown = JSON.parse(text);
    return isMap(state) && typeof state.action === 'string' ? (state as unknown as OperationsState) : undefined;
  } catch {
    return undefined;
  }
}

/** Every owned operations Job, oldest first. */
export function operationsJobs(cluster: string, observed: Observed): OperationsJob[] {
  const jobs: OperationsJob[] = [];
  for (const job of observed.children<IJob>(ChildKind.Job)) {
    const name = job.metadata?.name ?? '';
    const action = actionOf(cluster, name);
    if (!action) continue;
    const state = stateOf(observed.child<IConfigMap>(ChildKind.ConfigMap, name));
    jobs.push({ action, name, outcome: jobOutcome(job, observed), state, createdAt: job.metadata?.creationTimestamp ?? '' });
  }
  return jobs.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name));
}

export function newestOf(jobs: OperationsJob[], action: OperationsAction): OperationsJob | undefined {
  return jobs.filter((job) => job.action === action).at(-1);
}
