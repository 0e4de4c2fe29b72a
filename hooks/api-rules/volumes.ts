// A pod's volumes as the API server checks them (pkg/apis/core/validation ValidateVolumes and
// validateVolumeSource). The sources this project writes (emptyDir, secret, configMap,
// persistentVolumeClaim, projected, downwardAPI, hostPath) get their own rules; other sources come
// only from users' additionalVolumes and are checked for being the one source of their volume.
import { fieldRefProblems } from './container.js';
import { dns1123Label, relativeSubPath } from './identifiers.js';
import { fields, isObject, items, oneOf, textOf, type Fields, type Problems } from './problems.js';
import { nonNegativeQuantity } from './resources.js';

const SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
] as const;
type Source = (typeof SOURCES)[number];
const IS_SOURCE: ReadonlySet<string> = new Set(SOURCES);
const PROJECTIONS = ['secret', 'configMap', 'downwardAPI', 'serviceAccountToken', 'clusterTrustBundle'];
const MAX_FILE_MODE = 0o777;
const HOST_PATH_TYPES: ReadonlySet<string> = new Set(['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice']);
const VOLUME_FIELD_PATHS: ReadonlySet<string> = new Set(['metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.annotations', 'metadata.uid']);
const TEN_MINUTES = 600;
const MAX_TOKEN_SECONDS = 2 ** 32;

/** Checks `volumes` and adds the name of every well-formed one to `names`. */
export function volumeProblems(p: Problems, volumes: readonly unknown[], path: string, names: Set<string>): void {
  volumes.forEach((entry, i) => {
    const volume = fields(entry);
    const at = `${path}[${i}]`;
    const before = p.list.length;
    const name = textOf(volume.name);
    if (name === undefined || name === '') p.add(`${at}.name`, 'is required');
    else p.checkField(at, 'name', dns1123Label(name));
    sourceProblems(p, volume, at);
    if (name !== undefined && names.has(name)) p.add(`${at}.name`, `duplicates the name of another volume (${name})`);
    else if (name !== undefined && p.list.length === before) names.add(name);
  });
}

function sourceProblems(p: Problems, volume: Fields, path: string): void {
  // A volume names one source among its two or three keys: look for it there rather than probing every kind.
  let count = 0;
  let given: Source | undefined;
  for (const key in volume) {
    if (IS_SOURCE.has(key) && volume[key] !== undefined && volume[key] !== null) {
      count++;
      given = key as Source;
    }
  }
  if (count === 0) p.add(path, 'must specify a volume type');
  else if (count === 1) oneSourceProblems(p, given!, fields(volume[given!]), `${path}.${given}`);
  else {
    // The API server checks the first in its order and refuses the others.
    let first = true;
    for (const source of SOURCES) {
      const value = volume[source];
      if (value === undefined || value === null) continue;
      if (first) oneSourceProblems(p, source, fields(value), `${path}.${source}`);
      else p.add(`${path}.${source}`, 'may not be set beside another volume type');
      first = false;
    }
  }
}

function oneSourceProblems(p: Problems, source: Source, spec: Fields, at: string): void {
  switch (source) {
    case 'emptyDir':
      if (spec.sizeLimit !== undefined) nonNegativeQuantity(p, spec.sizeLimit, `${at}.sizeLimit`);
      break;
    case 'secret':
      required(p, spec.secretName, `${at}.secretName`);
      projectionProblems(p, spec, at);
      break;
    case 'configMap':
      required(p, spec.name, `${at}.name`);
      projectionProblems(p, spec, at);
      break;
    case 'persistentVolumeClaim':
      required(p, spec.claimName, `${at}.claimName`);
      break;
    case 'downwardAPI':
      modeProblems(p, spec.defaultMode, `${at}.defaultMode`);
      items(spec.items).forEach((file, i) => downwardFileProblems(p, fields(file), `${at}.items[${i}]`));
      break;
    case 'projected':
      modeProblems(p, spec.defaultMode, `${at}.defaultMode`);
      items(spec.sources).forEach((projection, i) => projectedSourceProblems(p, fields(projection), `${at}.sources[${i}]`));
      break;
    case 'hostPath':
      hostPathProblems(p, spec, at);
      break;
    default:
      // Cloud and network volume sources: their required fields are in the OpenAPI schema.
      break;
  }
}

function required(p: Problems, value: unknown, path: string): void {
  if (typeof value !== 'string' || value === '') p.add(path, 'is required');
}

function modeProblems(p: Problems, mode: unknown, path: string): void {
  if (mode === undefined) return;
  if (typeof mode !== 'number' || !Number.isInteger(mode) || mode < 0 || mode > MAX_FILE_MODE) {
    p.add(path, 'must be a number between 0 and 0777 (octal), both inclusive');
  }
}

/** `items` of a secret or configMap volume or projection, and its defaultMode. */
function projectionProblems(p: Problems, spec: Fields, path: string): void {
  modeProblems(p, spec.defaultMode, `${path}.defaultMode`);
  items(spec.items).forEach((entry, i) => {
    const item = fields(entry);
    const at = `${path}.items[${i}]`;
    required(p, item.key, `${at}.key`);
    filePathProblems(p, item.path, `${at}.path`);
    modeProblems(p, item.mode, `${at}.mode`);
  });
}

/** A file inside the volume: relative, without `..` elements, not starting with `..` (ValidateLocalNonReservedPath). */
function filePathProblems(p: Problems, value: unknown, path: string): void {
  if (typeof value !== 'string' || value === '') {
    p.add(path, 'is required');
    return;
  }
  p.check(path, relativeSubPath(value));
  if (value.startsWith('..') && !value.startsWith('../')) p.add(path, 'must not start with ".."');
}

function downwardFileProblems(p: Problems, file: Fields, path: string): void {
  filePathProblems(p, file.path, `${path}.path`);
  modeProblems(p, file.mode, `${path}.mode`);
  const fieldRef = file.fieldRef;
  if (isObject(fieldRef)) {
    if (file.resourceFieldRef !== undefined) p.add(path, 'may not set both fieldRef and resourceFieldRef');
    fieldRefProblems(p, fieldRef, `${path}.fieldRef`, VOLUME_FIELD_PATHS);
  } else if (file.resourceFieldRef === undefined) {
    p.add(path, 'must set fieldRef or resourceFieldRef');
  }
}

function projectedSourceProblems(p: Problems, projection: Fields, path: string): void {
  let present = 0;
  for (const kind of PROJECTIONS) if (projection[kind] !== undefined) present++;
  if (present > 1) p.add(path, 'may not specify more than one source per projection');
  if (projection.secret !== undefined) {
    required(p, fields(projection.secret).name, `${path}.secret.name`);
    projectionProblems(p, fields(projection.secret), `${path}.secret`);
  }
  if (projection.configMap !== undefined) {
    required(p, fields(projection.configMap).name, `${path}.configMap.name`);
    projectionProblems(p, fields(projection.configMap), `${path}.configMap`);
  }
  items(fields(projection.downwardAPI).items).forEach((file, i) => downwardFileProblems(p, fields(file), `${path}.downwardAPI.items[${i}]`));
  if (projection.serviceAccountToken !== undefined) {
    const token = fields(projection.serviceAccountToken);
    const seconds = token.expirationSeconds;
    if (seconds !== undefined && (typeof seconds !== 'number' || seconds < TEN_MINUTES || seconds > MAX_TOKEN_SECONDS)) {
      p.add(`${path}.serviceAccountToken.expirationSeconds`, `must be between ${TEN_MINUTES} and ${MAX_TOKEN_SECONDS} seconds`);
    }
    filePathProblems(p, token.path, `${path}.serviceAccountToken.path`);
  }
}

function hostPathProblems(p: Problems, spec: Fields, path: string): void {
  const hostPath = textOf(spec.path);
  if (hostPath === undefined || hostPath === '') p.add(`${path}.path`, 'is required');
  else if (hostPath.split('/').includes('..')) p.add(`${path}.path`, 'must not contain ".."');
  oneOf(p, spec.type, `${path}.type`, HOST_PATH_TYPES);
}
