// The exporter end to end with real parts: the hook's output with `enable_postgres_exporter`, the setup
// command creating the monitoring role against a throwaway PostgreSQL, and Debian's postgres_exporter
// started with the sidecar's environment (its password from the role's generated Secret). A scrape shows
// the server up and per-database series; the role itself reads no application table.
import t from 'tap';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { loadManifest, syncRequest } from '../fixtures/requests.js';
import { sync } from '../hooks/sync.js';
import type { SetupState } from '../schemas/setup-state.js';
import { connector } from '../setup/connection.js';
import { Report } from '../setup/report.js';
import { runSetup } from '../setup/run.js';
import { dashboardMetricNames, renderedMetricNames } from './grafana.js';
import { freePort, startPostgres, type Postgres } from './postgres.js';
import { childrenOf, decodeSecret, inputs, withReadyInstances } from './support.js';

const EXPORTER_BIN = '/usr/bin/prometheus-postgres-exporter';
const options = { enable_postgres_exporter: true };
const manifest = { ...loadManifest('minimal'), spec: { ...loadManifest('minimal').spec, databases: { app: 'zalando' } } };
const request = syncRequest(manifest);
const response = sync(withReadyInstances(request, sync(request, inputs(options))), inputs(options));
const secretOf = (name: string) => decodeSecret(childrenOf(response, 'Secret').find((s) => s.metadata.name === name)!);
const container = (childrenOf(response, 'StatefulSet')[0] as unknown as IStatefulSet).spec!.template.spec!.containers.find((c) => c.name === 'postgres-exporter')!;
const state = JSON.parse((childrenOf(response, 'ConfigMap').find((c) => /-setup-/.test(c.metadata.name)) as unknown as { data: Record<string, string> }).data['state.json']!) as SetupState;
const setupJob = childrenOf(response, 'Job').find((c) => /-setup-/.test(c.metadata.name)) as unknown as { spec: { template: { spec: { containers: Array<{ env: Array<{ name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }> }> } } } };

/** The sidecar's environment as the kubelet resolves it, the server's port in place of Spilo's 5432. */
function exporterEnv(server: Postgres): Record<string, string> {
  return Object.fromEntries(container.env!.map((e) => {
    const ref = e.valueFrom?.secretKeyRef;
    const value = ref ? secretOf(ref.name ?? '')[ref.key]! : e.value ?? '';
    return [e.name, e.name === 'DATA_SOURCE_URI' ? value.replace(':5432/', `:${server.port}/`) : value];
  }));
}

let server: Postgres;
let exporter: ChildProcess | undefined;
let exporterLog = '';

t.before(async () => {
  server = await startPostgres();
  const admin = await server.client();
  await admin.query('CREATE ROLE admin CREATEDB NOLOGIN');
  await admin.end();
  // The Job's environment: each PGMC_PASSWORD_n from the Secret its secretKeyRef names.
  const passwords = new Map(setupJob.spec.template.spec.containers[0]!.env.flatMap((e) => {
    const ref = e.valueFrom?.secretKeyRef;
    return ref ? [[e.name, secretOf(ref.name)[ref.key]!] as const] : [];
  }));
  const report = new Report(() => undefined);
  await runSetup(state, { connect: connector(server.env), passwords, report, deadlineMs: 10_000, log: () => undefined });
  const app = await server.client({ database: 'app' });
  await app.query('CREATE TABLE orders (id int PRIMARY KEY, secret text)');
  await app.query("INSERT INTO orders VALUES (1, 'not for monitoring')");
  await app.end();
});
t.teardown(async () => {
  exporter?.kill('SIGTERM');
  await server?.stop();
});

t.test('the setup Job made the monitoring role: LOGIN, in pg_monitor, no other attribute', async (t) => {
  const client = await server.client();
  const { rows } = await client.query(`SELECT r.rolcanlogin, r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolreplication, r.rolbypassrls,
      ARRAY(SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid ORDER BY 1)::text[] AS groups
    FROM pg_roles r WHERE r.rolname = 'postgres_exporter'`);
  await client.end();
  t.same(rows, [{ rolcanlogin: true, rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolreplication: false, rolbypassrls: false, groups: ['pg_monitor'] }]);
});

t.test('the monitoring role cannot read an application table', async (t) => {
  const env = exporterEnv(server);
  const client = await server.client({ user: env.DATA_SOURCE_USER!, password: env.DATA_SOURCE_PASS!, database: 'app' });
  try {
    await t.rejects(client.query('SELECT * FROM orders'), { code: '42501', message: /permission denied/ });
  } finally {
    await client.end();
  }
});

t.test('a scrape shows pg_up 1 and per-database series', { skip: existsSync(EXPORTER_BIN) ? false : `${EXPORTER_BIN} is not installed (scripts/ensure-system-packages.sh)` }, async (t) => {
  const port = await freePort();
  exporter = spawn(EXPORTER_BIN, [`--web.listen-address=127.0.0.1:${port}`], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...exporterEnv(server) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  exporter.stdout?.on('data', (chunk: Buffer) => { exporterLog += chunk.toString(); });
  exporter.stderr?.on('data', (chunk: Buffer) => { exporterLog += chunk.toString(); });
  let body = '';
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      body = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      if (/^pg_up 1$/m.test(body)) break;
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  t.match(body, /^pg_up 1$/m, `the exporter reached the server as the monitoring role\n${exporterLog}`);
  t.match(body, /^pg_stat_database_xact_commit\{datid="\d+",datname="app"(,server="[^"]*")?\} \d/m, 'per-database statistics of the application database');
  t.match(body, /^pg_database_size_bytes\{datname="app"(,server="[^"]*")?\} \d+/m, 'and its size');
  t.notMatch(exporterLog, /permission denied/i, 'pg_monitor suffices for every default collector');
  const scraped = renderedMetricNames(body);
  t.same(dashboardMetricNames().filter((name) => !name.startsWith('pgmc_') && !scraped.has(name)), [], 'the dashboard queries only series the exporter has');
});
