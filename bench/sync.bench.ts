// npm run bench: figures for the sync hook. Pure compute (the function alone) and HTTP over loopback
// (Fastify + validation + serialisation), with the complete example and its observed children.
import { pino } from 'pino';
import autocannon from 'autocannon';
import { objectProblems } from '../hooks/api-rules/objects.js';
import { buildApp } from '../hooks/app.js';
import { defaultConfig } from '../hooks/config.js';
import { seededRandom } from '../hooks/random.js';
import { sync } from '../hooks/sync.js';
import { loadManifest, syncRequest } from '../fixtures/requests.js';
import { fedBack, inputs } from '../test/support.js';

const fresh = syncRequest(loadManifest('complete'));
const steady = fedBack(fresh, sync(fresh, inputs()));
const body = JSON.stringify(steady);

/** Milliseconds per call of `run`: median and p99 after a warm-up. */
function timed(iterations: number, run: () => unknown): { median: string; p99: string } {
  for (let i = 0; i < 200; i += 1) run();
  const times: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const pick = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(3);
  return { median: pick(0.5), p99: pick(0.99) };
}

function computeFigures(iterations: number): void {
  const hook = timed(iterations, () => sync(steady, inputs()));
  console.log(`sync() steady state, complete example: ${iterations} calls, median ${hook.median} ms, p99 ${hook.p99} ms`);
  const children = sync(steady, inputs()).children;
  const rules = timed(iterations, () => children.map(objectProblems));
  console.log(`objectProblems() over its ${children.length} children: median ${rules.median} ms, p99 ${rules.p99} ms`);
}

async function httpFigures(): Promise<void> {
  const { app } = buildApp({ config: defaultConfig(), logger: pino({ level: 'silent' }), random: seededRandom(1) });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const result = await autocannon({ url: `${address}/sync`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: 20, duration: 10 });
  console.log(`POST /sync over loopback (${(body.length / 1024).toFixed(1)} KiB request, 20 connections, 10 s): ${result.requests.average.toFixed(0)} req/s, latency median ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors + result.non2xx}`);
  await app.close();
}

computeFigures(2000);
await httpFigures();
