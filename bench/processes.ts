// Processes the benchmark starts: a server in its own process group (stopped as a group, since
// `npm start` runs npm, a shell, tsx and node), its RSS and CPU time read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { freePort } from '../test/postgres.js';

export interface Server { label: string; url: string; pid: number; stop(): Promise<void> }

const CLOCK_TICKS = 100;

/** The image's command (the Dockerfile's CMD), run with this node: what the benchmark calls the image. */
export function imageCommand(): { label: string; command: string; args: string[] } {
  const cmd = /^CMD (\[.*\])$/m.exec(readFileSync('Dockerfile', 'utf8'))?.[1];
  const [program, ...args] = JSON.parse(cmd ?? '[]') as string[];
  if (program !== 'node') throw new Error(`the Dockerfile's CMD does not run node: ${cmd}`);
  return { label: ['node', ...args].join(' '), command: process.execPath, args };
}

/** Starts `command` with PORT and HOST set and waits until GET /healthz answers. */
export async function startServer(label: string, command: string, args: string[], env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const child: ChildProcess = spawn(command, args, {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}: ${stderr}`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`${label} did not answer within 60 s: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const pid = child.pid!;
  return {
    label,
    url,
    pid,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-pid, 'SIGTERM');
      await exited;
    },
  };
}

function childrenOf(pid: number): number[] {
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number).filter((candidate) => {
    try {
      return statFields(candidate)[1] === String(pid);
    } catch {
      return false;
    }
  });
}

/** Fields of /proc/<pid>/stat from the state on (the command name may hold spaces). */
function statFields(pid: number): string[] {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/** The process that serves: the deepest node process under `pid` (npm → sh → tsx → node, beside esbuild). */
export function servingProcess(pid: number): number {
  const deepest = (at: number, depth: number): { pid: number; depth: number } | undefined => {
    const here = readFileSync(`/proc/${at}/comm`, 'utf8').trim() === 'node' ? { pid: at, depth } : undefined;
    return childrenOf(at).map((child) => deepest(child, depth + 1)).reduce((best, found) => (found && (!best || found.depth > best.depth) ? found : best), here);
  };
  return deepest(pid, 0)?.pid ?? pid;
}

export function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) / 1024;
}

/** RSS of `pid` and every process below it. */
export function treeRssMiB(pid: number): number {
  return rssMiB(pid) + childrenOf(pid).reduce((sum, child) => sum + treeRssMiB(child), 0);
}

/** User and system CPU seconds the process has used. */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Runs a benchmark script in its own process and returns the JSON it prints as its last line. */
export function runScript<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as T);
    });
  });
}
