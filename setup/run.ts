// The setup run: roles, then databases, then prepared databases, then the pooler's lookup function,
// in Zalando's order. Failures of one object are reported and the run goes on with the others.
import type { SetupState } from '../schemas/setup-state.js';
import { connectToPrimary, type Connect } from './connection.js';
import { reconcileDatabases } from './databases.js';
import { installLookupFunction } from './pooler.js';
import { reconcilePreparedDatabases } from './prepared.js';
import type { Report } from './report.js';
import { reconcileRoles } from './roles.js';

export interface RunOptions { connect: Connect; passwords: Map<string, string>; report: Report; deadlineMs: number; log: (message: string) => void }

export async function runSetup(state: SetupState, options: RunOptions): Promise<void> {
  const { connect, passwords, report } = options;
  const admin = await connectToPrimary(connect, { deadlineMs: options.deadlineMs, log: options.log });
  try {
    await reconcileRoles(admin, state, passwords, report);
    await reconcileDatabases(admin, state, report);
    await reconcilePreparedDatabases(connect, state.preparedDatabases, report);
    if (state.pooler) await installLookupFunction(admin, connect, state.pooler, report);
  } finally {
    await admin.end().catch(() => undefined);
  }
}
