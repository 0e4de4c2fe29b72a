// Real Patroni clusters for the tests, on loopback only: an etcd (v3 API) as the DCS and N members,
// each a Patroni process with its own data directory, PostgreSQL port and REST port, run as the
// server user the way test/postgres.ts runs PostgreSQL. Everything lives in one temporary directory
// and is stopped and removed by stop(), and killed at process exit if a test never got that far.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import YAML from 'yaml';
import { patroniClient, type ClusterStatus, type PatroniClient } from '../operations/patroni.js';
import {
  SUPERUSER, SUPERUSER_PASSWORD, asServerUser, freePort, postgresBin, serverPrivateDir, serverTempDir, writeServerFile,
} from './postgres.js';

export const REPLICATION_USER = 'standby';
export const REPLICATION_PASSWORD = 'throwaway-replication-password';

const DEFAULT_START_TIMEOUT_MS = 45_000;
const STOP_GRACE_MS = 20_000;
const POLL_MS = 200;

// ---------------------------------------------------------------------------------------------
// Processes: each writes to its own log file, stops on SIGTERM, and is killed at exit if still there.

/** Last resorts for what a test never stopped (a thrown error, a timeout): run synchronously at exit. */
const leftovers = new Set<() => void>();
const leftoverDirs = new Set<string>();
process.once('exit', () => {
  for (const kill of leftovers) kill();
  for (const dir of leftoverDirs) rmSync(dir, { recursive: true, force: true });
});

function temporaryDir(prefix: string): string {
  const dir = serverTempDir(prefix);
  leftoverDirs.add(dir);
  return dir;
}

function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  leftoverDirs.delete(dir);
}

interface Supervised {
  child: ChildProcess;
  exited: Promise<void>;
}

function startLogged(command: string, args: string[], logFile: string, lastResort: () => void): Supervised {
  const [cmd, argv] = asServerUser(command, args);
  const log = openSync(logFile, 'a');
  const child = spawn(cmd, argv, { stdio: ['ignore', log, log] });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    lastResort();
  };
  leftovers.add(kill);
  void exited.then(() => leftovers.delete(kill));
  return { child, exited };
}

/** SIGTERM, then SIGKILL when the process outlives the grace period. */
async function terminate(server: Supervised, graceMs = STOP_GRACE_MS): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), graceMs);
  await server.exited;
  clearTimeout(timer);
}

/** The postmaster of a data directory, if one runs (a zombie left to init counts as gone). */
function postmasterPid(dataDir: string): number | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    const running = readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres') && !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return running ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Patroni starts PostgreSQL in its own session: a killed Patroni leaves it running. Immediate shutdown. */
function stopOrphanedPostmaster(dataDir: string): number | undefined {
  const pid = postmasterPid(dataDir);
  if (pid !== undefined) process.kill(pid, 'SIGQUIT');
  return pid;
}

/** For teardown: nothing is kept, so no graceful shutdown, only the wait until PostgreSQL is gone. */
async function discard(server: Supervised | undefined, dataDir: string): Promise<void> {
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  if (stopOrphanedPostmaster(dataDir) === undefined) return;
  await waitFor(`PostgreSQL in ${dataDir} to stop`, STOP_GRACE_MS, async () => (postmasterPid(dataDir) === undefined ? true : undefined));
}

export function tail(file: string, lines = 40): string {
  if (!existsSync(file)) return `(no ${file})`;
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** Thrown by a probe when waiting longer cannot help (a process died). */
export class GaveUp extends Error {}

/** Polls `probe` until it answers something other than undefined; on timeout the error says what was last seen. */
export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, context: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const answer = await probe();
      if (answer !== undefined) return answer;
      last = '';
    } catch (error) {
      if (error instanceof GaveUp) throw new Error(`gave up waiting for ${what}: ${error.message}\n${context()}`);
      last = (error as Error).message;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last})` : ''}\n${context()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

// ---------------------------------------------------------------------------------------------
// etcd

export interface Etcd {
  /** host:port, as Patroni's `etcd3.hosts` wants it. */
  endpoint: string;
  dir: string;
  logFile: string;
  stop(): Promise<void>;
}

export async function startEtcd(): Promise<Etcd> {
  const dir = temporaryDir('pgmc-etcd-');
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const client = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const logFile = join(dir, 'etcd.log');
  const etcd = startLogged('etcd', [
    '--name', 'pgmc', '--data-dir', join(dir, 'data'),
    '--listen-client-urls', client, '--advertise-client-urls', client,
    '--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer, '--initial-cluster', `pgmc=${peer}`,
    '--log-level', 'warn',
  ], logFile, () => undefined);
  const stop = async () => {
    await terminate(etcd);
    removeDir(dir);
  };
  try {
    await waitFor('etcd to be healthy', 15_000, async () => {
      if (etcd.child.exitCode !== null) throw new GaveUp(`etcd exited with ${etcd.child.exitCode}`);
      const health = await fetch(`${client}/health`, { signal: AbortSignal.timeout(1000) });
      return health.ok && ((await health.json()) as { health?: string }).health === 'true' ? true : undefined;
    }, () => tail(logFile));
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint: `127.0.0.1:${clientPort}`, dir, logFile, stop };
}

// ---------------------------------------------------------------------------------------------
// Patroni

/** A member's Patroni configuration file (YAML), as a plain object the tests may edit. */
export interface MemberConfig {
  scope: string;
  name: string;
  namespace: string;
  restapi: { listen: string; connect_address: string };
  etcd3: { hosts: string[] };
  bootstrap: { dcs: Record<string, unknown>; initdb: Array<string | Record<string, string>> };
  postgresql: {
    listen: string;
    connect_address: string;
    data_dir: string;
    bin_dir: string;
    pgpass: string;
    authentication: Record<'superuser' | 'replication', { username: string; password: string }>;
    parameters: Record<string, string | number>;
    basebackup?: Array<string | Record<string, string>>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface PatroniMember {
  name: string;
  pgPort: number;
  restPort: number;
  /** http://127.0.0.1:<restPort> */
  restUrl: string;
  dir: string;
  dataDir: string;
  configFile: string;
  logFile: string;
  /** The configuration it was last started with. */
  config: MemberConfig;
  /** Whether the harness has it running (started and not stopped). */
  running: boolean;
}

export interface PatroniClusterOptions {
  /** Number of members (default 2). */
  members?: number;
  /** Patroni scope, also the prefix of member names `<scope>-<i>` (default a fresh `pgmc<n>`). */
  scope?: string;
  /** Use this etcd (the caller stops it) instead of starting one for the cluster. */
  etcd?: Etcd;
  /** Bootstrap as a standby cluster following this cluster's leader at start (same replication credentials). */
  standbyOf?: PatroniCluster;
  /** Top-level keys replace the harness's `bootstrap.dcs` ones (ttl 20, loop_wait 1, retry_timeout 5, postgresql). */
  dcs?: Record<string, unknown>;
  /** Edits each member's configuration before its first start. */
  configure?: (config: MemberConfig, member: string) => void;
  /** Bound on bootstrap until one leader and streaming replicas (default 45 s). */
  timeoutMs?: number;
  /**
   * Start the first member alone and the others once it leads, as a StatefulSet with OrderedReady and a
   * readiness probe creates its pods: the first member is then the leader. Otherwise all start at once.
   */
  ordered?: boolean;
}

export interface PatroniCluster {
  scope: string;
  dir: string;
  etcd: Etcd;
  members: PatroniMember[];
  /** For a standby cluster: the cluster it follows. */
  standbyOf?: PatroniCluster;
  member(name: string): PatroniMember;
  /** REST client of one member. */
  rest(name: string): PatroniClient;
  /** Superuser connection to one member's PostgreSQL. */
  client(name: string, database?: string): Promise<pg.Client>;
  /** One statement on one member's `postgres` database, as the superuser; answers its rows. */
  query<T>(name: string, sql: string): Promise<T[]>;
  /** Name of the member holding the leader key (`leader`, or `standby_leader` in a standby cluster). */
  leader(): Promise<string>;
  /** Waits until one running member leads and every other running member streams from it; answers the leader. */
  waitHealthy(options?: { timeoutMs?: number }): Promise<string>;
  /** Stops one member's Patroni (and its PostgreSQL with it): SIGTERM, then SIGKILL after `graceMs` (default 20 s). */
  stopMember(name: string, graceMs?: number): Promise<void>;
  /** Starts a stopped member again on its data directory; `configure` edits its configuration first. */
  startMember(name: string, configure?: (config: MemberConfig) => void): Promise<void>;
  /** The tail of every member's log (and etcd's), for failure messages. */
  logs(lines?: number): string;
  /**
   * Kills every member (no graceful shutdown: nothing is kept), then etcd when the cluster started it,
   * and removes the directories. Safe to call twice.
   */
  stop(): Promise<void>;
}

let clusters = 0;

export const HARNESS_PG_HBA = [
  'local all all trust',
  'host all all 127.0.0.1/32 scram-sha-256',
  `host replication ${REPLICATION_USER} 127.0.0.1/32 scram-sha-256`,
];

function memberConfig(scope: string, name: string, dir: string, pgPort: number, restPort: number, etcd: Etcd, dcs: Record<string, unknown>): MemberConfig {
  return {
    scope,
    name,
    namespace: '/pgmc/',
    log: { level: 'INFO' },
    restapi: { listen: `127.0.0.1:${restPort}`, connect_address: `127.0.0.1:${restPort}` },
    etcd3: { hosts: [etcd.endpoint] },
    bootstrap: {
      dcs,
      initdb: [{ encoding: 'UTF8' }, { locale: 'C.UTF-8' }, { 'auth-host': 'scram-sha-256' }, { 'auth-local': 'trust' }],
    },
    postgresql: {
      listen: `127.0.0.1:${pgPort}`,
      connect_address: `127.0.0.1:${pgPort}`,
      data_dir: join(dir, 'data'),
      bin_dir: postgresBin(),
      pgpass: join(dir, 'pgpass'),
      authentication: {
        superuser: { username: SUPERUSER, password: SUPERUSER_PASSWORD },
        replication: { username: REPLICATION_USER, password: REPLICATION_PASSWORD },
      },
      // Local parameters: the socket next to the member, and no durability cost in tests.
      parameters: { unix_socket_directories: dir, fsync: 'off', shared_buffers: '32MB' },
      basebackup: [{ checkpoint: 'fast' }],
    },
  };
}

function bootstrapDcs(extra: Record<string, unknown> | undefined): Record<string, unknown> {
  const base: Record<string, unknown> = {
    ttl: 20,
    loop_wait: 1,
    retry_timeout: 5,
    postgresql: {
      use_pg_rewind: true,
      parameters: { max_connections: 100, wal_level: 'replica', hot_standby: 'on' },
      pg_hba: HARNESS_PG_HBA,
    },
  };
  return { ...base, ...extra };
}

export async function startPatroniCluster(options: PatroniClusterOptions = {}): Promise<PatroniCluster> {
  const scope = options.scope ?? `pgmc${process.pid}x${++clusters}`;
  const ownEtcd = options.etcd === undefined;
  const etcd = options.etcd ?? (await startEtcd());
  const dir = temporaryDir(`pgmc-patroni-${scope}-`);
  const dcs = bootstrapDcs(options.dcs);
  if (options.standbyOf) {
    const source = options.standbyOf.member(await options.standbyOf.leader());
    dcs.standby_cluster = { host: '127.0.0.1', port: source.pgPort, create_replica_methods: ['basebackup'] };
  }
  const members: PatroniMember[] = [];
  for (let i = 0; i < (options.members ?? 2); i++) {
    const name = `${scope}-${i}`;
    const memberDir = serverPrivateDir(join(dir, name));
    const [pgPort, restPort] = [await freePort(), await freePort()];
    const config = memberConfig(scope, name, memberDir, pgPort, restPort, etcd, structuredClone(dcs));
    options.configure?.(config, name);
    members.push({
      name, pgPort, restPort, restUrl: `http://127.0.0.1:${restPort}`, dir: memberDir, dataDir: config.postgresql.data_dir,
      configFile: join(memberDir, 'patroni.yml'), logFile: join(memberDir, 'patroni.log'), config, running: false,
    });
  }
  const processes = new Map<string, Supervised>();
  const find = (name: string) => {
    const member = members.find((m) => m.name === name);
    if (!member) throw new Error(`no member ${name} in ${scope} (members: ${members.map((m) => m.name).join(', ')})`);
    return member;
  };
  const logs = (lines = 40) => [
    ...members.map((m) => `--- ${m.name} (${m.logFile})\n${tail(m.logFile, lines)}`),
    `--- etcd (${etcd.logFile})\n${tail(etcd.logFile, 10)}`,
  ].join('\n');

  const launch = (member: PatroniMember) => {
    writeServerFile(member.configFile, YAML.stringify(member.config));
    processes.set(member.name, startLogged('patroni', [member.configFile], member.logFile, () => stopOrphanedPostmaster(member.dataDir)));
    member.running = true;
  };

  const stopMember = async (name: string, graceMs?: number) => {
    const member = find(name);
    const server = processes.get(name);
    member.running = false;
    if (!server) return;
    await terminate(server, graceMs);
    stopOrphanedPostmaster(member.dataDir);
    processes.delete(name);
  };

  /** The /cluster view from the first running member that answers. */
  const clusterView = async (): Promise<ClusterStatus> => {
    const dead = members.filter((m) => m.running && processes.get(m.name)?.child.exitCode !== null);
    if (dead.length > 0) throw new GaveUp(`Patroni exited on ${dead.map((m) => m.name).join(', ')}`);
    let lastError: Error | undefined;
    for (const member of members.filter((m) => m.running)) {
      try {
        return await patroniClient(member.restUrl, { timeoutMs: 2000 }).cluster();
      } catch (error) {
        lastError = error as Error;
      }
    }
    throw lastError ?? new Error(`no member of ${scope} is running`);
  };

  const leaderOf = (view: ClusterStatus) => view.members.find((m) => m.role === 'leader' || m.role === 'standby_leader');

  let lastView = '';
  const healthy = async (): Promise<string | undefined> => {
    const view = await clusterView();
    lastView = JSON.stringify(view);
    const leader = leaderOf(view);
    const running = members.filter((m) => m.running);
    if (!leader || leader.state !== 'running' || !running.some((m) => m.name === leader.name)) return undefined;
    const replicas = running.filter((m) => m.name !== leader.name);
    const listed = replicas.every((r) => view.members.some((m) => m.name === r.name && m.role !== leader.role && ['running', 'streaming'].includes(m.state)));
    if (!listed) return undefined;
    const streaming = new Set((await patroniClient(find(leader.name).restUrl, { timeoutMs: 2000 }).status()).replication
      ?.filter((r) => r.state === 'streaming').map((r) => r.application_name));
    if (!replicas.every((r) => streaming.has(r.name))) return undefined;
    if (cluster.standbyOf) {
      // The standby leader itself streams from the other cluster's leader.
      const source = cluster.standbyOf;
      const sourceStatus = await source.rest(await source.leader()).status();
      if (!sourceStatus.replication?.some((r) => r.application_name === leader.name && r.state === 'streaming')) return undefined;
    }
    return leader.name;
  };

  let stopped = false;
  const cluster: PatroniCluster = {
    scope,
    dir,
    etcd,
    members,
    ...(options.standbyOf ? { standbyOf: options.standbyOf } : {}),
    member: find,
    rest: (name) => patroniClient(find(name).restUrl),
    client: async (name, database = 'postgres') => {
      const c = new pg.Client({ host: '127.0.0.1', port: find(name).pgPort, user: SUPERUSER, password: SUPERUSER_PASSWORD, database });
      await c.connect();
      return c;
    },
    query: async <T>(name: string, sql: string) => {
      const c = await cluster.client(name);
      try {
        return (await c.query(sql)).rows as T[];
      } finally {
        await c.end();
      }
    },
    leader: async () => {
      const leader = leaderOf(await clusterView());
      if (!leader) throw new Error(`${scope} has no leader`);
      return leader.name;
    },
    waitHealthy: ({ timeoutMs = DEFAULT_START_TIMEOUT_MS } = {}) =>
      waitFor(`${scope}: one leader and every running member streaming`, timeoutMs, healthy, () => `last /cluster: ${lastView}\n${logs()}`),
    stopMember,
    startMember: async (name, configure) => {
      const member = find(name);
      if (member.running) throw new Error(`${name} is running; stop it first`);
      configure?.(member.config);
      launch(member);
    },
    logs,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await Promise.all(members.map(async (m) => {
        m.running = false;
        await discard(processes.get(m.name), m.dataDir);
        processes.delete(m.name);
      }));
      if (ownEtcd) await etcd.stop();
      removeDir(dir);
    },
  };

  try {
    // All at once, as a StatefulSet's pods with Parallel: one wins the initialise key, the others clone it.
    const [first, ...others] = members;
    const timeoutMs = options.timeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    if (options.ordered && first) {
      launch(first);
      await cluster.waitHealthy({ timeoutMs });
    }
    for (const member of options.ordered ? others : members) launch(member);
    await cluster.waitHealthy({ timeoutMs });
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}
