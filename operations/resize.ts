// The resize Job: grows the data volumes' claims to the planned size and deletes the StatefulSet with
// orphan propagation (its pods keep running, its claims stay) for the sync hook to recreate it with
// the manifest's claim template. It re-reads everything first and refuses when the cluster is not in
// the state the plan assumed; it never deletes a claim or a pod. Expanding the filesystem is the
// storage driver's work: a claim still waiting for it is a note, not a failure.
import { compareQuantities } from '../hooks/quantity.js';
import type { OperationsState } from '../schemas/operations-state.js';
import { KubernetesError, type ClaimView, type KubernetesApi } from './kubernetes.js';
import type { OperationsReport, Outcome } from './report.js';

export interface ResizeResult { outcome: Outcome; message: string }

/** The summary becomes the status condition's message: bounded. */
const MESSAGE_LIMIT = 1500;
const EXPANDING = new Set(['FileSystemResizePending', 'Resizing']);

function bounded(message: string): string {
  return message.length > MESSAGE_LIMIT ? `${message.slice(0, MESSAGE_LIMIT - 1)}…` : message;
}

function isStatus(error: unknown, ...statuses: number[]): error is KubernetesError {
  return error instanceof KubernetesError && error.status !== undefined && statuses.includes(error.status);
}

function expanding(claim: ClaimView): string | undefined {
  const condition = claim.conditions.find((c) => EXPANDING.has(c.type));
  return condition ? `${condition.type}${condition.message ? `: ${condition.message}` : ''}` : undefined;
}

class Stop extends Error {
  constructor(readonly result: ResizeResult) {
    super(result.message);
  }
}

function refuse(report: OperationsReport, reason: string, subject: Record<string, string> = {}): never {
  report.record({ action: 'refused', ...subject, reason });
  throw new Stop({ outcome: 'refused', message: bounded(`refused: ${reason}`) });
}

async function resize(state: OperationsState, api: KubernetesApi, report: OperationsReport, dryRun: boolean): Promise<ResizeResult> {
  const plan = state.resize;
  if (!plan) refuse(report, 'the state has no resize section');
  const { namespace } = state;
  const { size } = plan;

  const below: ClaimView[] = [];
  for (const name of plan.claims) {
    let claim: ClaimView;
    try {
      claim = await api.getClaim(namespace, name);
    } catch (error) {
      if (isStatus(error, 404)) refuse(report, `claim ${name} no longer exists`, { claim: name });
      throw error;
    }
    report.record({ action: 'read-claim', claim: name, requested: claim.requested, capacity: claim.capacity, storageClass: claim.storageClassName, status: 'done' });
    if (claim.requested && compareQuantities(claim.requested, size) > 0) {
      refuse(report, `claim ${name} requests ${claim.requested}, more than the target ${size}: not the state the plan assumed, nothing is changed`, { claim: name });
    }
    if (!claim.requested || compareQuantities(claim.requested, size) < 0) below.push(claim);
  }

  const { name: setName, uid } = plan.statefulSet;
  let deleteSet = false;
  try {
    const current = await api.getStatefulSet(namespace, setName);
    const templateDone = current.claimTemplates[plan.template] !== undefined && compareQuantities(current.claimTemplates[plan.template]!, size) === 0;
    if (current.uid !== uid && !templateDone) {
      refuse(report, `StatefulSet ${setName} is not the one planned (uid ${current.uid}, planned ${uid}) and its claim template does not request ${size}`, { statefulSet: setName });
    }
    deleteSet = current.uid === uid && current.deletionTimestamp === undefined && !templateDone;
  } catch (error) {
    if (!isStatus(error, 404)) throw error;
  }

  for (const claim of below) report.record({ action: 'patch-claim', claim: claim.name, from: claim.requested, to: size, status: 'planned' });
  if (deleteSet) report.record({ action: 'delete-statefulset', statefulSet: setName, uid, propagation: 'Orphan', status: 'planned' });
  if (dryRun) return { outcome: 'planned', message: 'dry run: nothing was changed' };

  for (const claim of below) {
    const started = Date.now();
    try {
      await api.patchClaimSize(namespace, claim.name, size);
    } catch (error) {
      if (!(error instanceof KubernetesError)) throw error;
      report.record({ action: 'patch-claim', claim: claim.name, from: claim.requested, to: size, status: 'failed', ms: Date.now() - started, reason: error.detail });
      const grown = below.slice(0, below.indexOf(claim)).map((c) => c.name);
      return { outcome: 'failed', message: bounded(`${claim.name} was not resized to ${size}: ${error.detail}${grown.length > 0 ? ` (already grown: ${grown.join(', ')})` : ''}`) };
    }
    report.record({ action: 'patch-claim', claim: claim.name, from: claim.requested, to: size, status: 'done', ms: Date.now() - started });
  }
  const waiting: string[] = [];
  for (const claim of below) {
    const now = await api.getClaim(namespace, claim.name);
    const pending = expanding(now);
    if (pending) waiting.push(`${claim.name} (${pending})`);
    report.record({ action: 'read-claim', claim: claim.name, requested: now.requested, capacity: now.capacity, ...(pending ? { note: pending } : {}), status: 'done' });
  }

  let deleted = '';
  if (deleteSet) {
    const started = Date.now();
    const line = { action: 'delete-statefulset' as const, statefulSet: setName, uid, propagation: 'Orphan' };
    try {
      await api.deleteStatefulSetOrphan(namespace, setName, uid);
      const after = await api.getStatefulSet(namespace, setName).catch((error: unknown) => {
        if (isStatus(error, 404)) return undefined;
        throw error;
      });
      report.record({ ...line, status: 'done', ms: Date.now() - started, ...(after ? { deletionTimestamp: after.deletionTimestamp, finalizers: after.finalizers } : { gone: true }) });
      deleted = `; StatefulSet ${setName} deleted with its pods and claims kept, for the sync hook to recreate it with a claim template of ${size}`;
    } catch (error) {
      if (isStatus(error, 404)) {
        report.record({ ...line, status: 'done', unchanged: true, reason: 'already gone' });
      } else if (isStatus(error, 409)) {
        refuse(report, `StatefulSet ${setName} is no longer the one planned: ${error.detail}`, { statefulSet: setName });
      } else if (error instanceof KubernetesError) {
        report.record({ ...line, status: 'failed', ms: Date.now() - started, reason: error.detail });
        return { outcome: 'failed', message: bounded(`the claims were grown but StatefulSet ${setName} was not deleted: ${error.detail}`) };
      } else throw error;
    }
  }
  const grown = below.length > 0 ? `${below.map((c) => c.name).join(', ')} grown to ${size}` : `every claim already requests ${size}`;
  const note = waiting.length > 0 ? `; the storage driver still expands ${waiting.join(', ')}` : '';
  return { outcome: 'done', message: bounded(`${grown}${deleted}${note}`) };
}

/** Runs the resize; every line goes to the report, the summary is the caller's. */
export async function runResize(state: OperationsState, api: KubernetesApi, report: OperationsReport, dryRun: boolean): Promise<ResizeResult> {
  try {
    return await resize(state, api, report, dryRun);
  } catch (error) {
    if (error instanceof Stop) return error.result;
    throw error;
  }
}
