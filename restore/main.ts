// `npm run restore-db -- --state <file>`: restores one database of a logical backup into the cluster named
// by the libpq environment. Exit 0 when restored, 1 when refused or failed, 2 on unusable input.
import type { KubeConfig } from '@kubernetes/client-node';
import { jobEvents, type EventRecorder } from '../operations/recorder.js';
import { endWithSummary, summaryLine, terminationLogOf } from '../schemas/job-summary.js';
import { RestoreState } from '../schemas/restore-state.js';
import { stateAndDeadline, stateFileReader } from '../schemas/state-file.js';
import { connector, type Env } from '../setup/connection.js';
import { restoreEndedEvent, restoreStartedEvent } from './report-events.js';
import { psqlRunner, runRestore, type RestoreResult, type RunScript } from './run.js';

export const loadState = stateFileReader(RestoreState, 'a restore state');

/** The Job's Events on the postgresql object the hook named (none when run by hand); `config`: the in-cluster one by default. */
export function kubernetesEvents(state: RestoreState, env: Env, write: (line: string) => void, config?: KubeConfig): Promise<EventRecorder> {
  const subject = state.parentUid ? { name: state.cluster, namespace: state.namespace, uid: state.parentUid } : undefined;
  return jobEvents(subject, { component: 'postgres-metacontroller-restore', instance: env.HOSTNAME ?? 'restore', ...(config ? { config } : {}) }, write);
}

export async function main(
  argv: string[], env: Env, write: (line: string) => void, runScript: RunScript = psqlRunner(env),
  eventsFor: (state: RestoreState) => Promise<EventRecorder> = (state) => kubernetesEvents(state, env, write),
): Promise<number> {
  const terminationLog = terminationLogOf(argv);
  const end = (result: RestoreResult, code: number) => {
    endWithSummary(write, terminationLog, summaryLine({ outcome: result.outcome, message: result.message }));
    return code;
  };
  let state: RestoreState;
  let deadline: number;
  try {
    ({ state, deadlineMs: deadline } = stateAndDeadline(argv, 'restore-db', loadState));
  } catch (error) {
    return end({ outcome: 'failed', message: (error as Error).message }, 2);
  }
  const events = await eventsFor(state);
  events.record(restoreStartedEvent(state, env.HOSTNAME ?? 'restore'));
  let result: RestoreResult;
  try {
    result = await runRestore(state, {
      connect: connector(env),
      runScript,
      record: (line) => write(JSON.stringify(line)),
      deadlineMs: deadline,
      log: (message) => write(JSON.stringify({ step: 'primary', outcome: 'waiting', message })),
    });
  } catch (error) {
    result = { outcome: 'failed', message: (error as Error).message };
  }
  const code = end(result, result.outcome === 'restored' ? 0 : 1);
  events.record(restoreEndedEvent(result));
  await events.flush();
  return code;
}
