// A throwaway PostgreSQL server from Debian's packages for the tests: initdb into a temporary
// directory as a non-root user, listening on a free loopback port with SCRAM password
// authentication, stopped and removed afterwards.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const SUPERUSER = 'postgres';
export const SUPERUSER_PASSWORD = 'throwaway-superuser-password';

export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const latest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!latest) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql; run npm test, which installs them');
  return join(root, latest, 'bin');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Root may not run PostgreSQL: commands then run as the `postgres` system user (setpriv execs, so signals reach the server). */
export function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', command, ...args]] : [command, args];
}

/** Writes a file the server user (not root) can read. */
export function writeServerFile(path: string, content: string, mode = 0o600): void {
  writeFileSync(path, content, { mode });
  const ids = serverUserIds();
  if (ids) chownSync(path, ids.uid, ids.gid);
}

/** A new temporary directory the server user owns, readable by everyone (root included). */
export function serverTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  const ids = serverUserIds();
  if (ids) chownSync(dir, ids.uid, ids.gid);
  return dir;
}

/** A new directory only the server user may enter (PostgreSQL insists on that for its data). */
export function serverPrivateDir(path: string): string {
  mkdirSync(path, { mode: 0o700 });
  const ids = serverUserIds();
  if (ids) chownSync(path, ids.uid, ids.gid);
  return path;
}

function serverUserIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

export interface Postgres {
  host: string;
  port: number;
  dir: string;
  /** libpq environment for the superuser. */
  env: Record<string, string>;
  client(options?: { user?: string; password?: string; database?: string }): Promise<pg.Client>;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<Postgres> {
  const bin = postgresBin();
  const dir = serverTempDir('pgmc-pg-');
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pwfile');
  writeServerFile(pwfile, `${SUPERUSER_PASSWORD}\n`);
  const [initdb, initArgs] = asServerUser(join(bin, 'initdb'), ['-D', data, '-U', SUPERUSER, '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C.UTF-8']);
  execFileSync(initdb, initArgs, { stdio: 'pipe' });
  const port = await freePort();
  const [postgres, args] = asServerUser(join(bin, 'postgres'), [
    '-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=50',
  ]);
  const server: ChildProcess = spawn(postgres, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => { log += chunk.toString(); });
  const env = { PGHOST: '127.0.0.1', PGPORT: String(port), PGUSER: SUPERUSER, PGPASSWORD: SUPERUSER_PASSWORD, PGDATABASE: 'postgres', PGSSLMODE: 'disable' };
  const client = async (options: { user?: string; password?: string; database?: string } = {}) => {
    const c = new pg.Client({ host: '127.0.0.1', port, user: options.user ?? SUPERUSER, password: options.password ?? SUPERUSER_PASSWORD, database: options.database ?? 'postgres' });
    await c.connect();
    return c;
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await (await client()).end();
      break;
    } catch (error) {
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    host: '127.0.0.1',
    port,
    dir,
    env,
    client,
    stop: async () => {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
