// The setup run: roles (human roles included: their teams are fetched first, before the database is
// waited for), then databases, then prepared databases, then the pooler's lookup function, in Zalando's
// order. Failures of one object are reported and the run goes on with the others.
import type { SetupState } from '../schemas/setup-state.js';
import { actInEachDatabase, connectToPrimary, type Connect } from './connection.js';
import { reconcileDatabases } from './databases.js';
import { deprecateHumans, gatherHumans, restoreHumans, type FetchTeam } from './humans.js';
import { lookupFunctionWorks } from './pooler.js';
import { preparedDatabaseWorks } from './prepared.js';
import type { Report } from './report.js';
import { reconcileRoles } from './roles.js';

export interface RunOptions {
  connect: Connect;
  passwords: Map<string, string>;
  report: Report;
  deadlineMs: number;
  log: (message: string) => void;
  /** Asks the Teams API for a team's members when the state names a Teams API; without it every team is unavailable. */
  fetchTeam?: FetchTeam;
}

const noTeamsApi: FetchTeam = async () => ({ error: 'the setup command was given no Teams API client' });

export async function runSetup(state: SetupState, options: RunOptions): Promise<void> {
  const { connect, passwords, report } = options;
  const section = state.humans;
  const humans = section ? await gatherHumans(state, section, options.fetchTeam ?? noTeamsApi, report) : undefined;
  const admin = await connectToPrimary(connect, { deadlineMs: options.deadlineMs, log: options.log });
  try {
    if (section && humans) await restoreHumans(admin, section, humans.roles, report);
    await reconcileRoles(admin, state, passwords, report, humans?.roles);
    if (section && humans) await deprecateHumans(admin, state, section, humans, report);
    await reconcileDatabases(admin, state, report);
    // One connection per database for both (connecting is most of a run with nothing to change).
    await actInEachDatabase(connect, report, [
      ...preparedDatabaseWorks(state.preparedDatabases),
      ...(state.pooler ? await lookupFunctionWorks(admin, state.pooler) : []),
    ]);
  } finally {
    await admin.end().catch(() => undefined);
  }
}
