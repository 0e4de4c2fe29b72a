// Parts 1 and 3: our server, started as users start it, against a bare Fastify server answering as
// much JSON, in alternating rounds at 10 connections; the RSS of our serving process as it goes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sync } from '../hooks/sync.js';
import { inputs } from '../test/support.js';
import { imageCommand, runScript, rssMiB, servingProcess, startServer, type Server } from './processes.js';
import { fixtureRequest } from './requests.js';
import { median } from './stats.js';

const CONNECTIONS = 10;
const WARM_UP_SECONDS = 3;
const ROUND_SECONDS = 5;
const ROUNDS = 3;

interface Load { rps: number; p50: number; p99: number; failed: number }

export interface HttpFigures {
  start: string;
  /** `reused`: as Metacontroller resyncs an unchanged cluster (the same bytes, the kept answer); `computed`: ANSWER_CACHE_MIB=0. */
  answers: 'reused' | 'computed';
  requestKiB: number;
  responseKiB: number;
  ours: { rps: number; p50Ms: number; p99Ms: number };
  bare: { rps: number; p50Ms: number; p99Ms: number };
  ratio: number;
  rssMiB: { afterWarmUp: number; afterSustainedRun: number; perRound: number[] };
}

function load(server: Server, bodyFile: string, seconds: number): Promise<Load> {
  return runScript<Load>('bench/load.ts', [`${server.url}/sync`, bodyFile, String(CONNECTIONS), String(seconds)]).then((result) => {
    if (result.failed > 0) throw new Error(`${server.label}: ${result.failed} requests failed`);
    return result;
  });
}

function summary(rounds: Load[]): HttpFigures['ours'] {
  return { rps: Math.round(median(rounds.map((r) => r.rps))), p50Ms: median(rounds.map((r) => r.p50)), p99Ms: median(rounds.map((r) => r.p99)) };
}

/** One way of starting our server against the bare one. */
async function compare(start: string, answers: HttpFigures['answers'], command: string, args: string[], env: Record<string, string>, files: { body: string; answer: string }, sizes: Pick<HttpFigures, 'requestKiB' | 'responseKiB'>): Promise<HttpFigures> {
  const ours = await startServer(start, command, args, { ...env, ...(answers === 'computed' ? { ANSWER_CACHE_MIB: '0' } : {}) });
  const bare = await startServer('bare Fastify', process.execPath, ['--import', 'tsx', 'bench/bare-server.ts', files.answer]);
  try {
    const serving = servingProcess(ours.pid);
    await load(ours, files.body, WARM_UP_SECONDS);
    await load(bare, files.body, WARM_UP_SECONDS);
    const afterWarmUp = rssMiB(serving);
    const oursRounds: Load[] = [];
    const bareRounds: Load[] = [];
    const perRound: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      // Alternate which goes first, so a drift of the machine's load hits both alike.
      if (round % 2 === 0) {
        oursRounds.push(await load(ours, files.body, ROUND_SECONDS));
        bareRounds.push(await load(bare, files.body, ROUND_SECONDS));
      } else {
        bareRounds.push(await load(bare, files.body, ROUND_SECONDS));
        oursRounds.push(await load(ours, files.body, ROUND_SECONDS));
      }
      perRound.push(Math.round(rssMiB(serving)));
    }
    return {
      start, answers, ...sizes,
      ours: summary(oursRounds),
      bare: summary(bareRounds),
      ratio: Math.round(median(oursRounds.map((r, i) => r.rps / bareRounds[i]!.rps)) * 100) / 100,
      rssMiB: { afterWarmUp: Math.round(afterWarmUp), afterSustainedRun: perRound.at(-1)!, perRound },
    };
  } finally {
    await ours.stop();
    await bare.stop();
  }
}

export async function httpFigures(): Promise<HttpFigures[]> {
  const request = fixtureRequest('complete');
  const body = JSON.stringify(request);
  const answer = JSON.stringify(sync(request, inputs()));
  const dir = mkdtempSync(join(tmpdir(), 'pgmc-bench-'));
  const files = { body: join(dir, 'body.json'), answer: join(dir, 'answer.json') };
  writeFileSync(files.body, body);
  writeFileSync(files.answer, answer);
  const sizes = { requestKiB: Math.round(body.length / 102.4) / 10, responseKiB: Math.round(answer.length / 102.4) / 10 };
  try {
    const figures: HttpFigures[] = [];
    const image = imageCommand();
    for (const answers of ['reused', 'computed'] as const) {
      figures.push(await compare('npm start', answers, 'npm', ['start', '--silent'], {}, files, sizes));
      figures.push(await compare(image.label, answers, image.command, image.args, { NODE_ENV: 'production' }, files, sizes));
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function describeHttp(f: HttpFigures): string[] {
  return [
    `POST /sync, complete example in steady state (${f.requestKiB} KiB request, ${f.responseKiB} KiB response), ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${ROUND_SECONDS} s, ours started as \`${f.start}\`, answers ${f.answers === 'reused' ? 'reused (the same bytes, as on a resync)' : 'computed every time (ANSWER_CACHE_MIB=0)'}:`,
    `  ours ${f.ours.rps} req/s, p50 ${f.ours.p50Ms} ms, p99 ${f.ours.p99Ms} ms; bare Fastify ${f.bare.rps} req/s, p50 ${f.bare.p50Ms} ms, p99 ${f.bare.p99Ms} ms; ratio ours/bare ${f.ratio}`,
    `  RSS of the serving process: ${f.rssMiB.afterWarmUp} MiB after warm-up, ${f.rssMiB.afterSustainedRun} MiB after the sustained run (after each round: ${f.rssMiB.perRound.join(', ')} MiB)`,
  ];
}
