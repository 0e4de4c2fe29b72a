// Installs the npm dependencies when node_modules does not hold exactly what package-lock.json names.
// The versions are compared, not file times: a fresh checkout (or a git worktree) has a newer lock file
// than an install that is nevertheless current.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

function packages(file) {
  return JSON.parse(readFileSync(file, 'utf8')).packages ?? {};
}

function isCurrent() {
  const installedFile = 'node_modules/.package-lock.json';
  if (!existsSync(installedFile)) return false;
  const installed = packages(installedFile);
  return Object.entries(packages('package-lock.json'))
    // Optional packages (platform builds such as esbuild's) are installed only where they fit.
    .filter(([path, entry]) => path !== '' && !entry.optional)
    .every(([path, entry]) => installed[path]?.version === entry.version);
}

if (!isCurrent()) {
  console.log('installing npm dependencies (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}
