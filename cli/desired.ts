// Runs the sync hook the way Metacontroller would: for a new cluster (render) or for a live one with its
// live objects as observed children (diff, adopt). An answer that only keeps what exists (invalid spec,
// missing input, unreadable object, paused) is no desired state: it is reported, not compared.
import { sync, type HookInputs } from '../hooks/sync.js';
import { annotationKeys, childKindOf } from '../hooks/names.js';
import { isPaused } from '../hooks/switches.js';
import type { KubeObject, SyncRequest, SyncResponse } from '../schemas/hook.js';
import { objectId } from './documents.js';
import { claimedBy, syncRequestFor } from './live-request.js';
import { childKinds } from './resources.js';

type Parent = SyncRequest['parent'];

export class HookRefused extends Error {
  override name = 'HookRefused';
}

const KEEPING_PHASES = new Set(['Invalid', 'SyncFailed']);

function answered(response: SyncResponse): SyncResponse {
  const phase = response.status.PostgresClusterStatus;
  if (KEEPING_PHASES.has(phase)) {
    const reasons = (response.status.conditions ?? []).filter((c) => c.status === 'False').map((c) => `${c.type} ${c.reason}: ${c.message}`);
    throw new HookRefused(`the sync hook answers ${phase} and keeps every object as it is: ${reasons.join('; ')}`);
  }
  return response;
}

/** The parent as the hooks must see it: the tool's own view never pauses it (adopt pauses the live object, not this copy). */
function unpaused(parent: Parent): Parent {
  if (!isPaused(parent.metadata.annotations)) return parent;
  const { [annotationKeys.pause]: _pause, ...annotations } = parent.metadata.annotations ?? {};
  return { ...parent, metadata: { ...parent.metadata, annotations } };
}

/** The children the sync hook answers for a cluster that has none yet; `objects` supply related objects. */
export function renderChildren(parent: Parent, inputs: HookInputs, objects: KubeObject[] = []): SyncResponse {
  return answered(sync(syncRequestFor(unpaused(parent), inputs.config, [], objects), inputs));
}

export interface LiveAnswer { response: SyncResponse; observed: KubeObject[] }

/**
 * The answer once Metacontroller counts the live objects as children: those it claims already and those the
 * answer names (adopt labels exactly those). The first call only finds out which names that is.
 */
export function desiredForLive(parent: Parent, inputs: HookInputs, live: KubeObject[]): LiveAnswer {
  const kinds = new Set(childKinds(inputs.config));
  const candidates = live.filter((object) => kinds.has(childKindOf(object)) && object.metadata.namespace === parent.metadata.namespace);
  const view = unpaused(parent);
  const first = answered(sync(syncRequestFor(view, inputs.config, candidates, live), inputs));
  const named = new Set(first.children.map((child) => `${childKindOf(child)} ${objectId(child)}`));
  const observed = candidates.filter((object) => claimedBy(parent, object) || named.has(`${childKindOf(object)} ${objectId(object)}`));
  return { response: answered(sync(syncRequestFor(view, inputs.config, observed, live), inputs)), observed };
}
