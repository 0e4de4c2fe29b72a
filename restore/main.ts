// `npm run restore-db -- --state <file>`: restores one database of a logical backup into the cluster named
// by the libpq environment. Exit 0 when restored, 1 when refused or failed, 2 on unusable input.
import { endWithSummary, summaryLine, terminationLogOf } from '../schemas/job-summary.js';
import { RestoreState } from '../schemas/restore-state.js';
import { stateAndDeadline, stateFileReader } from '../schemas/state-file.js';
import { connector, type Env } from '../setup/connection.js';
import { psqlRunner, runRestore, type RestoreResult, type RunScript } from './run.js';

export const loadState = stateFileReader(RestoreState, 'a restore state');

export async function main(argv: string[], env: Env, write: (line: string) => void, runScript: RunScript = psqlRunner(env)): Promise<number> {
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
  try {
    const result = await runRestore(state, {
      connect: connector(env),
      runScript,
      record: (line) => write(JSON.stringify(line)),
      deadlineMs: deadline,
      log: (message) => write(JSON.stringify({ step: 'primary', outcome: 'waiting', message })),
    });
    return end(result, result.outcome === 'restored' ? 0 : 1);
  } catch (error) {
    return end({ outcome: 'failed', message: (error as Error).message }, 1);
  }
}
