// npm run fixtures: writes fixtures/requests/<manifest>.sync.json, the first sync request
// Metacontroller sends for each example manifest.
import { mkdir, writeFile } from 'node:fs/promises';
import { loadManifest, manifestNames, syncRequest } from '../fixtures/requests.js';

const directory = new URL('../fixtures/requests/', import.meta.url);
await mkdir(directory, { recursive: true });
for (const name of manifestNames()) {
  await writeFile(new URL(`${name}.sync.json`, directory), `${JSON.stringify(syncRequest(loadManifest(name)), null, 2)}\n`);
  console.log(`fixtures/requests/${name}.sync.json`);
}
