// npm run crds: writes deploy/crds/*.yaml from the TypeBox schemas.
import { writeFile } from 'node:fs/promises';
import { CRD_FILES } from '../schemas/crds.js';
import { crdYaml } from './crd-yaml.js';

for (const [file, build] of Object.entries(CRD_FILES)) {
  await writeFile(new URL(`../deploy/crds/${file}`, import.meta.url), crdYaml(build()));
  console.log(`deploy/crds/${file}`);
}
