// The image runs dist/, built in the Dockerfile by `npm run build` (tsconfig.build.json) from the
// sources the Dockerfile copies in. Every module a shipped entry point imports must be in both, or the
// image builds and then fails at run time. Entry points: the hook server, each command's cli.ts, and
// the operations Job's modules.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import t from 'tap';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');
const rel = (file: string) => relative(ROOT, file);

function builtFiles(): Set<string> {
  const { config } = ts.readConfigFile(join(ROOT, 'tsconfig.build.json'), ts.sys.readFile);
  return new Set(ts.parseJsonConfigFileContent(config, ts.sys, ROOT).fileNames.map((file) => rel(resolve(file))));
}

/** The sources the build stage copies before it runs `npm run build`. */
function copiedSources(): string[] {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const buildStage = dockerfile.slice(0, dockerfile.indexOf('RUN npm run build'));
  return [...buildStage.matchAll(/^COPY (?!--)(.+)$/gm)].flatMap((match) => match[1]!.trim().split(/\s+/).slice(0, -1));
}

function entryPoints(): string[] {
  const directories = readdirSync(ROOT, { withFileTypes: true }).filter((entry) => entry.isDirectory() && entry.name !== 'node_modules');
  const clis = directories.map((entry) => join(entry.name, 'cli.ts')).filter((file) => existsSync(join(ROOT, file)));
  const operations = readdirSync(join(ROOT, 'operations')).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts')).map((file) => join('operations', file));
  return ['server.ts', ...clis, ...operations];
}

/** Every project module reachable from the entry points through relative imports. */
function reachable(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { fileName } of ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8')).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      pending.push(rel(resolve(ROOT, dirname(file), fileName.replace(/\.js$/, '.ts'))));
    }
  }
  return seen;
}

t.test('every module a shipped entry point imports is compiled by tsconfig.build.json and copied by the Dockerfile', async (t) => {
  const built = builtFiles();
  const copied = copiedSources();
  const modules = [...reachable(entryPoints())].sort();
  t.ok(modules.includes('operations/kubernetes.ts') && modules.includes('operations/kubernetes-members.ts'), 'the operations Job is among them');
  t.same(modules.filter((file) => !built.has(file)), [], 'missing from tsconfig.build.json');
  t.same(modules.filter((file) => !copied.some((source) => file === source || file.startsWith(`${source}/`))), [], 'not copied into the build stage');
  t.same([...built].filter((file) => file.endsWith('.test.ts')), [], 'tests stay out of the image');
});
