// Part 5: the setup command against a throwaway PostgreSQL, at 1,000 roles and 50 prepared databases of
// 3 schemas: a first run on an empty server, then runs with nothing to do, which is what every later
// Job does. Statements are counted as the server receives them: reads and transaction control apart; and
// the round trips: every query, every connection.
import type pg from 'pg';
import { loadManifest, syncRequest } from '../fixtures/requests.js';
import { sync } from '../hooks/sync.js';
import type { SetupState } from '../schemas/setup-state.js';
import { connector, type Connect } from '../setup/connection.js';
import { Report } from '../setup/report.js';
import { runSetup } from '../setup/run.js';
import { startPostgres } from '../test/postgres.js';
import { childrenOf, decodeSecret, inputs } from '../test/support.js';
import { median } from './stats.js';

const ROLES = 1_000;
const PREPARED_DATABASES = 50;
const NO_OP_RUNS = 3;
const READ_OR_CONTROL = /^\s*(SELECT|SHOW|BEGIN|COMMIT|ROLLBACK|SET\s+LOCAL)\b/i;

export interface SetupFigures {
  roles: number;
  databases: number;
  preparedDatabases: number;
  schemas: number;
  first: { ms: number; changingStatements: number; queries: number; connections: number; created: number; altered: number };
  noOp: { medianMs: number; runsMs: number[]; changingStatements: number; queries: number; connections: number; created: number; altered: number };
}

function stateWith(users: number): { state: SetupState; passwords: Map<string, string> } {
  const minimal = loadManifest('minimal');
  const preparedDatabases = Object.fromEntries(Array.from({ length: PREPARED_DATABASES }, (_, i) => [
    `shop_${i}`, { schemas: { data: {}, history: {}, archive: {} } },
  ]));
  const manifest = { ...minimal, spec: { ...minimal.spec, users: { ...(minimal.spec.users as object), ...Object.fromEntries(Array.from({ length: users }, (_, i) => [`app_user_${i}`, ['createdb']])) }, preparedDatabases } };
  const response = sync(syncRequest(manifest), inputs());
  const configMap = childrenOf(response, 'ConfigMap')[0] as unknown as { data: Record<string, string> };
  const state = JSON.parse(configMap.data['state.json']!) as SetupState;
  const secrets = new Map(childrenOf(response, 'Secret').map((s) => [decodeSecret(s).username, decodeSecret(s).password!]));
  return { state, passwords: new Map(state.roles.filter((r) => r.passwordEnv).map((r) => [r.passwordEnv!, secrets.get(r.name)!])) };
}

/** The state with as many users as make `ROLES` roles in all. */
function benchState(): { state: SetupState; passwords: Map<string, string> } {
  const others = stateWith(0).state.roles.length;
  return stateWith(ROLES - others);
}

/** A connector that counts its connections, and its clients' queries and the statements among them that can change something. */
function counting(connect: Connect): { connect: Connect; changing: () => number; queries: () => number; connections: () => number } {
  let changing = 0;
  let queries = 0;
  let connections = 0;
  return {
    changing: () => changing,
    queries: () => queries,
    connections: () => connections,
    connect: async (database) => {
      connections += 1;
      const client = await connect(database);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as { query: unknown }).query = (...args: unknown[]) => {
        const text = typeof args[0] === 'string' ? args[0] : (args[0] as pg.QueryConfig).text;
        queries += 1;
        if (!READ_OR_CONTROL.test(text)) changing += 1;
        return query(...args);
      };
      return client;
    },
  };
}

export async function setupFigures(): Promise<SetupFigures> {
  const { state, passwords } = benchState();
  const server = await startPostgres();
  try {
    const admin = await server.client();
    await admin.query('CREATE ROLE admin CREATEDB NOLOGIN');
    await admin.end();
    const run = async () => {
      const report = new Report(() => undefined);
      const counter = counting(connector(server.env));
      const start = process.hrtime.bigint();
      await runSetup(state, { connect: counter.connect, passwords, report, deadlineMs: 10_000, log: () => undefined });
      const ms = Math.round(Number(process.hrtime.bigint() - start) / 1e6);
      if (report.count('failed') > 0) throw new Error(`setup run failed: ${JSON.stringify(report.actions.filter((a) => a.outcome === 'failed').slice(0, 3))}`);
      return { ms, changingStatements: counter.changing(), queries: counter.queries(), connections: counter.connections(), created: report.count('created'), altered: report.count('altered') };
    };
    const first = await run();
    const again = [];
    for (let i = 0; i < NO_OP_RUNS; i += 1) again.push(await run());
    const runsMs = again.map((r) => r.ms);
    return {
      roles: state.roles.length, databases: state.databases.length, preparedDatabases: state.preparedDatabases.length,
      schemas: state.preparedDatabases.reduce((sum, db) => sum + db.schemas.length, 0),
      first,
      noOp: {
        medianMs: median(runsMs), runsMs,
        changingStatements: Math.max(...again.map((r) => r.changingStatements)),
        queries: Math.max(...again.map((r) => r.queries)),
        connections: Math.max(...again.map((r) => r.connections)),
        created: Math.max(...again.map((r) => r.created)),
        altered: Math.max(...again.map((r) => r.altered)),
      },
    };
  } finally {
    await server.stop();
  }
}

export function describeSetup(f: SetupFigures): string[] {
  return [
    `setup command, ${f.roles} roles, ${f.databases} databases, ${f.preparedDatabases} prepared databases with ${f.schemas} schemas:`,
    `  first run ${f.first.ms} ms (${f.first.changingStatements} statements that change something, ${f.first.queries} queries over ${f.first.connections} connections; ${f.first.created} created, ${f.first.altered} altered)`,
    `  no-op rerun median ${f.noOp.medianMs} ms (${f.noOp.runsMs.join(', ')} ms; ${f.noOp.changingStatements} statements that change something, ${f.noOp.queries} queries over ${f.noOp.connections} connections, ${f.noOp.created} created, ${f.noOp.altered} altered)`,
  ];
}
