// Which lines of the operations report a person wants to see on the postgresql object: the steps that
// changed the cluster (switched over, pod recreated, resized, upgraded …), every failure with its reason,
// and how the Job ended. Waits, reads and planned steps stay in the Job's log.
import type { OperationsAction } from '../schemas/operations-state.js';
import type { JobEvent } from './recorder.js';
import type { ActionLine, Outcome } from './report.js';

const list = (value: unknown) => (Array.isArray(value) ? value.join(', ') : '');

const DONE: Partial<Record<ActionLine['action'], (line: ActionLine) => JobEvent | undefined>> = {
  switchover: (l) => ({ type: 'Normal', reason: 'SwitchedOver', note: `switched over from ${l.from} to ${l.to}` }),
  recreate: (l) => ({ type: 'Normal', reason: 'PodRecreated', note: `recreated pod ${l.member} from the current pod template` }),
  restart: (l) => ({ type: 'Normal', reason: 'Restarted', note: `restarted PostgreSQL on ${l.member}` }),
  reload: (l) => ({ type: 'Normal', reason: 'Reloaded', note: `reloaded the configuration of ${l.member}` }),
  'patch-config': (l) => (l.unchanged ? undefined : { type: 'Normal', reason: 'PatroniConfigured', note: `changed the Patroni configuration: ${list(l.keys) || 'no key'}` }),
  'patch-claim': (l) => ({ type: 'Normal', reason: 'VolumeResized', note: `grew volume claim ${l.claim} from ${l.from} to ${l.to}` }),
  'delete-statefulset': (l) => (l.unchanged ? undefined : {
    type: 'Normal', reason: 'StatefulSetReleased', note: `deleted StatefulSet ${l.statefulSet} keeping its pods and volumes, for the hook to recreate it with the new volume size`,
  }),
  upgrade: (l) => (l.unchanged ? undefined : { type: 'Normal', reason: 'Upgraded', note: `upgraded PostgreSQL from ${l.from} to ${l.to} on ${l.member}` }),
};

/** The Event of one report line, if a person cares about it. */
export function lineEvent(line: ActionLine): JobEvent | undefined {
  if (line.action === 'refused') return { type: 'Warning', reason: 'Refused', note: `${line.member ? `${line.member}: ` : ''}${String(line.reason)}` };
  if (line.status === 'failed') {
    const subject = [line.action, line.member ?? line.claim ?? line.statefulSet].filter(Boolean).join(' ');
    return { type: 'Warning', reason: 'StepFailed', note: `${subject} failed: ${String(line.reason ?? (line.exitCode !== undefined ? `exit code ${line.exitCode}` : 'no reason given'))}` };
  }
  return line.status === 'done' ? DONE[line.action]?.(line) : undefined;
}

const capitalized = (action: string) => `${action.charAt(0).toUpperCase()}${action.slice(1)}`;

/** The Event of a Job's end (any Job: `action` names what it did); a dry run ends without one. */
export function summaryEvent(action: OperationsAction | string, outcome: Outcome, message: string): JobEvent | undefined {
  switch (outcome) {
    case 'done': return { type: 'Normal', reason: `${capitalized(action)}Succeeded`, note: message };
    case 'failed': return { type: 'Warning', reason: `${capitalized(action)}Failed`, note: message };
    case 'refused': return { type: 'Warning', reason: `${capitalized(action)}Refused`, note: message };
    default: return undefined;
  }
}

/** The Event of a Job's start: `job` says which Job (operations, setup …), `action` what it does. */
export function startedEvent(job: string, action: string, pod: string): JobEvent {
  return { type: 'Normal', reason: `${capitalized(action)}Started`, note: `the ${job} Job (pod ${pod}) started: ${action}` };
}
