// npm run crds: writes deploy/crds/*.yaml from the TypeBox schemas, and the Helm chart's copy of them (a chart
// cannot read files outside its own folder).
import { writeFile } from 'node:fs/promises';
import { CRD_FILES, CRD_FOLDERS } from '../schemas/crds.js';
import { crdYaml } from './crd-yaml.js';

for (const [file, build] of Object.entries(CRD_FILES)) {
  for (const folder of CRD_FOLDERS) {
    await writeFile(new URL(`../${folder}/${file}`, import.meta.url), crdYaml(build()));
    console.log(`${folder}/${file}`);
  }
}
