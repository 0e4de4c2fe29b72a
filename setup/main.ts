// `npm run setup-db -- --state <file>`: applies a setup state to the primary named by the libpq
// environment. Exit 0 when everything is in place, 1 when an object failed, 2 on unusable input.
import { SetupState, TEAMS_API_TOKEN_ENV } from '../schemas/setup-state.js';
import { endWithSummary, summaryLine, terminationLogOf } from '../schemas/job-summary.js';
import { stateAndDeadline, stateFileReader } from '../schemas/state-file.js';
import { jobEvents, type EventRecorder } from '../operations/recorder.js';
import { startedEvent, summaryEvent } from '../operations/report-events.js';
import { connector, type Env } from './connection.js';
import { actionEvent } from './report-events.js';
import { Report } from './report.js';
import { runSetup } from './run.js';
import { fetchTeam } from './teams-api.js';

export const loadState = stateFileReader(SetupState, 'a setup state');

export function passwordsFrom(state: SetupState, env: Env): Map<string, string> {
  const passwords = new Map<string, string>();
  for (const role of state.roles) {
    const value = role.passwordEnv ? env[role.passwordEnv] : undefined;
    if (role.passwordEnv && value) passwords.set(role.passwordEnv, value);
  }
  return passwords;
}

/** The Job's Events, when the hook handed it where to record them. */
function kubernetesEvents(state: SetupState, env: Env, write: (line: string) => void): Promise<EventRecorder> {
  const subject = state.events && { name: state.cluster, namespace: state.events.namespace, uid: state.events.parentUid };
  return jobEvents(subject, { component: 'postgres-metacontroller-setup', instance: env.HOSTNAME ?? 'setup' }, write);
}

export async function main(
  argv: string[], env: Env, write: (line: string) => void,
  eventsFor: (state: SetupState) => Promise<EventRecorder> = (state) => kubernetesEvents(state, env, write),
): Promise<number> {
  const terminationLog = terminationLogOf(argv);
  const failed = (error: unknown, code: number) => {
    endWithSummary(write, terminationLog, summaryLine({ outcome: 'failed', message: (error as Error).message }));
    return code;
  };
  let state: SetupState;
  let deadline: number;
  try {
    ({ state, deadlineMs: deadline } = stateAndDeadline(argv, 'setup-db', loadState));
  } catch (error) {
    return failed(error, 2);
  }
  const events = await eventsFor(state);
  events.record(startedEvent('setup', 'setup', env.HOSTNAME ?? 'setup'));
  const report = new Report(write, (action) => {
    const event = actionEvent(action);
    if (event) events.record(event);
  });
  try {
    await runSetup(state, {
      connect: connector(env),
      passwords: passwordsFrom(state, env),
      report,
      deadlineMs: deadline,
      log: (message) => write(JSON.stringify({ outcome: 'waiting', message })),
      fetchTeam: (team) => fetchTeam({ url: state.humans?.teamsApiUrl ?? '', token: env[TEAMS_API_TOKEN_ENV.token], tokenType: env[TEAMS_API_TOKEN_ENV.type] }, team),
    });
  } catch (error) {
    events.record(summaryEvent('setup', 'failed', (error as Error).message)!);
    await events.flush();
    return failed(error, 1);
  }
  const summary = report.summary();
  endWithSummary(write, terminationLog, summaryLine(summary));
  events.record(summaryEvent('setup', summary.failed > 0 ? 'failed' : 'done', summary.message)!);
  await events.flush();
  return summary.failed > 0 ? 1 : 0;
}
