// npm run bench (second part): the setup command against a throwaway PostgreSQL. A first run on an
// empty server, then runs with nothing to do, which is what every later Job does.
import { loadManifest, syncRequest } from '../fixtures/requests.js';
import { sync } from '../hooks/sync.js';
import type { SetupState } from '../schemas/setup-state.js';
import { connector } from '../setup/connection.js';
import { Report } from '../setup/report.js';
import { runSetup } from '../setup/run.js';
import { startPostgres } from '../test/postgres.js';
import { childrenOf, decodeSecret, inputs } from '../test/support.js';

const users = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`app_user_${i}`, ['createdb']]));
const prepared = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`shop_${i}`, { defaultUsers: true, schemas: { data: {}, history: {} } }]));
const manifest = { ...loadManifest('minimal'), spec: { ...loadManifest('minimal').spec, users, preparedDatabases: prepared, connectionPooler: {} } };
const response = sync(syncRequest(manifest), inputs());
const configMap = childrenOf(response, 'ConfigMap')[0] as unknown as { data: Record<string, string> };
const state = JSON.parse(configMap.data['state.json']!) as SetupState;
const secrets = new Map(childrenOf(response, 'Secret').map((s) => [decodeSecret(s).username, decodeSecret(s).password!]));
const passwords = new Map(state.roles.filter((r) => r.passwordEnv).map((r) => [r.passwordEnv!, secrets.get(r.name)!]));

const server = await startPostgres();
try {
  const admin = await server.client();
  await admin.query('CREATE ROLE admin CREATEDB NOLOGIN');
  await admin.end();
  const run = async () => {
    const report = new Report(() => undefined);
    const start = process.hrtime.bigint();
    await runSetup(state, { connect: connector(server.env), passwords, report, deadlineMs: 10_000, log: () => undefined });
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, report };
  };
  const first = await run();
  const again: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const { ms, report } = await run();
    if (report.changed) throw new Error('a repeated run changed something');
    again.push(ms);
  }
  again.sort((a, b) => a - b);
  console.log(`setup command, ${state.roles.length} roles, ${state.databases.length} databases, ${state.preparedDatabases.length} prepared: ` +
    `first run ${first.ms.toFixed(0)} ms (${first.report.count('created')} created, ${first.report.count('altered')} altered); ` +
    `no-op run median ${again[2]!.toFixed(0)} ms (5 runs)`);
} finally {
  await server.stop();
}
