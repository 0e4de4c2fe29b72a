#!/usr/bin/env node
// `kubectl pg` (any executable named kubectl-pg on the PATH is a kubectl plugin). Runs the compiled
// tool from dist/ when `npm run build` made it, otherwise the TypeScript through tsx (a devDependency).
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli/entry.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('./entry.ts', import.meta.url).href);
}
