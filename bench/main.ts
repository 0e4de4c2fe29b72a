// npm run bench: every figure of issue #14, human-readable, then one JSON object with all of them as
// the last line. Run on an otherwise idle machine where possible; comparisons are made side by side.
import { computeFigures, describeCompute } from './compute.js';
import { describeFleet, fleetFigures } from './fleet.js';
import { describeHttp, httpFigures } from './http.js';
import { describeSetup, setupFigures } from './setup-job.js';

const PARTS = ['compute', 'http', 'fleet', 'setup'] as const;
const only = process.argv.slice(2).filter((part): part is (typeof PARTS)[number] => (PARTS as readonly string[]).includes(part));
const wanted = (part: (typeof PARTS)[number]) => only.length === 0 || only.includes(part);
const print = (lines: string[]) => { for (const line of lines) console.log(line); };

const figures: Record<string, unknown> = { node: process.version, cpus: (await import('node:os')).cpus().length };
const started = Date.now();
if (wanted('compute')) {
  const compute = computeFigures();
  print(describeCompute(compute));
  figures.compute = compute;
}
if (wanted('http')) {
  const http = await httpFigures();
  for (const f of http) print(describeHttp(f));
  figures.http = http;
}
if (wanted('fleet')) {
  const fleet = await fleetFigures();
  print(describeFleet(fleet));
  figures.fleet = fleet;
}
if (wanted('setup')) {
  const setup = await setupFigures();
  print(describeSetup(setup));
  figures.setup = setup;
}
figures.seconds = Math.round((Date.now() - started) / 1000);
console.log(JSON.stringify(figures));
