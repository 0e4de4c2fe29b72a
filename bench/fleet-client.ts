// Metacontroller's side of the fleet simulation, in its own process: builds the minute's requests,
// warms the server up with the minute before, then sends each request at its time (compressed by SPEED_UP) over a pool of
// keep-alive connections as Metacontroller's workers do, and reads the server's CPU time around it.
import { Pool } from 'undici';
import { cpuSeconds } from './processes.js';
import { fleetMinute, type ReplayResult } from './fleet.js';
import { quantile } from './stats.js';

const SPEED_UP = 3;
const WORKERS = 20;
const [url, serverPid] = process.argv.slice(2);
const pool = new Pool(url!, { connections: WORKERS });

async function send(body: string): Promise<{ ms: number; phase: string }> {
  const start = process.hrtime.bigint();
  const response = await pool.request({ path: '/sync', method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.body.text();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (response.statusCode !== 200) return { ms, phase: `HTTP ${response.statusCode}` };
  return { ms, phase: (JSON.parse(text) as { status: { PostgresClusterStatus: string } }).status.PostgresClusterStatus };
}

const { events } = fleetMinute();
// Warm-up: the minute before, in which every cluster was resynced as it is now (the same bytes) and nothing
// else happened. A replica that has run for a while has compiled its hot paths and answered those requests.
const previousMinute = events.filter((e) => e.kind === 'resync');
for (let i = 0; i < previousMinute.length; i += WORKERS) await Promise.all(previousMinute.slice(i, i + WORKERS).map((e) => send(e.body)));

const cpuBefore = cpuSeconds(Number(serverPid));
const started = performance.now();
const results = await Promise.all(events.map((event) => new Promise<{ ms: number; phase: string }>((resolve, reject) => {
  setTimeout(() => send(event.body).then(resolve, reject), Math.max(0, (event.atSeconds * 1000) / SPEED_UP - (performance.now() - started)));
})));
const cpu = cpuSeconds(Number(serverPid)) - cpuBefore;
await pool.close();

const times = results.map((r) => r.ms);
const answers: Record<string, number> = {};
for (const { phase } of results) answers[phase] = (answers[phase] ?? 0) + 1;
const round = (ms: number) => Math.round(ms * 10) / 10;
const result: ReplayResult = {
  requests: events.length, speedUp: SPEED_UP, cpuSeconds: cpu,
  p50: round(quantile(times, 0.5)), p99: round(quantile(times, 0.99)), max: round(Math.max(...times)), answers,
};
console.log(JSON.stringify(result));
