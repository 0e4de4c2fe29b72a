// Part 5: the setup command against a throwaway PostgreSQL, at 1,000 roles and 50 prepared databases of
// 3 schemas: a first run on an empty server, then runs with nothing to do, which is what every later
// Job does; then the same with the connection pooler on. Statements are counted as the server receives
// them, reads and transaction control apart, and so are the round trips: every query, every connection.
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
  first: RunFigures;
  noOp: NoOpFigures;
  /** The same state with the connection pooler on: its role, and its lookup function in every database. */
  withPooler: { first: RunFigures; noOp: NoOpFigures };
}

interface RunFigures { ms: number; changingStatements: number; queries: number; connections: number; created: number; altered: number }
type NoOpFigures = Omit<RunFigures, 'ms'> & { medianMs: number; runsMs: number[] };

/** A setup state and the passwords its Job's environment would hold. */
interface Bench { state: SetupState; passwords: Map<string, string> }

function stateWith(users: number, enableConnectionPooler = false): Bench {
  const minimal = loadManifest('minimal');
  const preparedDatabases = Object.fromEntries(Array.from({ length: PREPARED_DATABASES }, (_, i) => [
    `shop_${i}`, { schemas: { data: {}, history: {}, archive: {} } },
  ]));
  const manifest = { ...minimal, spec: { ...minimal.spec, users: { ...(minimal.spec.users as object), ...Object.fromEntries(Array.from({ length: users }, (_, i) => [`app_user_${i}`, ['createdb']])) }, preparedDatabases, enableConnectionPooler } };
  const response = sync(syncRequest(manifest), inputs());
  const configMap = childrenOf(response, 'ConfigMap')[0] as unknown as { data: Record<string, string> };
  const state = JSON.parse(configMap.data['state.json']!) as SetupState;
  const secrets = new Map(childrenOf(response, 'Secret').map((s) => [decodeSecret(s).username, decodeSecret(s).password!]));
  return { state, passwords: new Map(state.roles.filter((r) => r.passwordEnv).map((r) => [r.passwordEnv!, secrets.get(r.name)!])) };
}

/** The state with as many users as make `ROLES` roles in all (one more with the pooler's). */
function benchState(enableConnectionPooler: boolean): Bench {
  const others = stateWith(0).state.roles.length;
  return stateWith(ROLES - others, enableConnectionPooler);
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
  const { state, passwords } = benchState(false);
  const pooled = benchState(true);
  const server = await startPostgres();
  try {
    const admin = await server.client();
    await admin.query('CREATE ROLE admin CREATEDB NOLOGIN');
    await admin.end();
    const run = async ({ state, passwords }: Bench): Promise<RunFigures> => {
      const report = new Report(() => undefined);
      const counter = counting(connector(server.env));
      const start = process.hrtime.bigint();
      await runSetup(state, { connect: counter.connect, passwords, report, deadlineMs: 10_000, log: () => undefined });
      const ms = Math.round(Number(process.hrtime.bigint() - start) / 1e6);
      if (report.count('failed') > 0) throw new Error(`setup run failed: ${JSON.stringify(report.actions.filter((a) => a.outcome === 'failed').slice(0, 3))}`);
      return { ms, changingStatements: counter.changing(), queries: counter.queries(), connections: counter.connections(), created: report.count('created'), altered: report.count('altered') };
    };
    const noOp = async (bench: Bench): Promise<NoOpFigures> => {
      const again: RunFigures[] = [];
      for (let i = 0; i < NO_OP_RUNS; i += 1) again.push(await run(bench));
      const runsMs = again.map((r) => r.ms);
      const most = (figure: keyof RunFigures) => Math.max(...again.map((r) => r[figure]));
      return {
        medianMs: median(runsMs), runsMs,
        changingStatements: most('changingStatements'), queries: most('queries'), connections: most('connections'),
        created: most('created'), altered: most('altered'),
      };
    };
    const first = await run({ state, passwords });
    const figures = { first, noOp: await noOp({ state, passwords }) };
    const pooledFirst = await run(pooled);
    return {
      roles: state.roles.length, databases: state.databases.length, preparedDatabases: state.preparedDatabases.length,
      schemas: state.preparedDatabases.reduce((sum, db) => sum + db.schemas.length, 0),
      ...figures,
      withPooler: { first: pooledFirst, noOp: await noOp(pooled) },
    };
  } finally {
    await server.stop();
  }
}

function describeRun(name: string, r: RunFigures): string {
  return `  ${name} ${r.ms} ms (${r.changingStatements} statements that change something, ${r.queries} queries over ${r.connections} connections; ${r.created} created, ${r.altered} altered)`;
}

function describeNoOp(name: string, r: NoOpFigures): string {
  return `  ${name} median ${r.medianMs} ms (${r.runsMs.join(', ')} ms; ${r.changingStatements} statements that change something, ${r.queries} queries over ${r.connections} connections, ${r.created} created, ${r.altered} altered)`;
}

export function describeSetup(f: SetupFigures): string[] {
  return [
    `setup command, ${f.roles} roles, ${f.databases} databases, ${f.preparedDatabases} prepared databases with ${f.schemas} schemas:`,
    describeRun('first run', f.first),
    describeNoOp('no-op rerun', f.noOp),
    describeRun('with the connection pooler on: first run', f.withPooler.first),
    describeNoOp('with the connection pooler on: no-op rerun', f.withPooler.noOp),
  ];
}
