// The fields the hooks read of observed objects (owned children and related objects), checked once
// per request before any builder reads them. The API server only ever sends well-formed objects, but
// the request is input all the same: a field of the wrong type must stop the update with its place
// named, never with its value (it may be Secret data) and never with an exception (a 500 is retried
// forever and the status never says why).
import { ChildKind, RelatedKind } from './names.js';
import type { Observed } from './observed.js';
import { readQuantity } from './quantity.js';

/**
 * Checks the value found at `path` and appends one "<path> must be …" line per unreadable field.
 * `accepts` gives the same verdict without building any path: nearly every object is readable, so
 * paths are spelled out only along the fields that are not.
 */
export interface Shape {
  (value: unknown, path: string, problems: string[]): void;
  readonly accepts: (value: unknown) => boolean;
}

function shape(accepts: (value: unknown) => boolean, describe: (value: unknown, path: string, problems: string[]) => void): Shape {
  return Object.assign(describe, { accepts });
}

/** A JSON object (not a list, and not a class instance such as a JS Map). */
export function isMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

const PLAIN_KEY = /^[A-Za-z_][\w-]*$/;

/** `data.password`, or `metadata.labels["app.kubernetes.io/name"]` for keys that are not plain words. */
export function fieldPath(path: string, key: string): string {
  if (!PLAIN_KEY.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}

function expect(test: (value: unknown) => boolean, what: string): Shape {
  return shape(test, (value, path, problems) => {
    if (!test(value)) problems.push(`${path} must be ${what}`);
  });
}

function isQuantity(value: unknown): boolean {
  return typeof value === 'string' && readQuantity(value) !== undefined;
}

// Go's standard encoding, which the API server writes Secret data in: groups of four characters, the
// last one padded with one or two "=" (checked as the length and one character class, which is cheaper
// than matching the groups).
const BASE64_CHARACTERS = /^[A-Za-z0-9+/]*={0,2}$/;

function isBase64(value: unknown): boolean {
  return typeof value === 'string' && value.length % 4 === 0 && BASE64_CHARACTERS.test(value);
}

export const text = expect((value) => typeof value === 'string', 'a string');
const count = expect((value) => Number.isSafeInteger(value) && (value as number) >= 0, 'a non-negative integer');
const quantity = expect(isQuantity, 'a quantity');
const flag = expect((value) => typeof value === 'boolean', 'true or false');
const base64 = expect(isBase64, 'a base64 string');

export function listOf(item: Shape): Shape {
  return shape(
    (value) => Array.isArray(value) && value.every(item.accepts),
    (value, path, problems) => {
      if (!Array.isArray(value)) problems.push(`${path} must be a list`);
      else value.forEach((entry, i) => { if (!item.accepts(entry)) item(entry, `${path}[${i}]`, problems); });
    },
  );
}

/** A map whose every value has the same shape (labels, Secret data). */
export function mapOf(entry: Shape): Shape {
  return shape(
    (value) => isMap(value) && Object.values(value).every(entry.accepts),
    (value, path, problems) => {
      if (!isMap(value)) problems.push(`${path} must be a map`);
      else for (const [key, item] of Object.entries(value)) if (!entry.accepts(item)) entry(item, fieldPath(path, key), problems);
    },
  );
}

/** A map of known fields, each optional (absent and null read as absent everywhere the hooks look). */
export function fields(known: Record<string, Shape>): Shape {
  const checks = Object.entries(known);
  const absentOr = (item: unknown, check: Shape) => item === undefined || item === null || check.accepts(item);
  return shape(
    (value) => isMap(value) && checks.every(([key, check]) => absentOr(value[key], check)),
    (value, path, problems) => {
      if (!isMap(value)) {
        problems.push(`${path || 'the object'} must be a map`);
        return;
      }
      for (const [key, check] of checks) {
        if (!absentOr(value[key], check)) check(value[key], fieldPath(path, key), problems);
      }
    },
  );
}

const metadataFields = { labels: mapOf(text), annotations: mapOf(text) };
const metadata = fields(metadataFields);
const teamLists = mapOf(listOf(text));
const selector = fields({ matchLabels: mapOf(text), matchExpressions: listOf(fields({})) });

// Per kind, what hooks/children and hooks/roles read: StatefulSet immutables, rollout, readiness and
// identity (statefulset.ts, selector.ts, status.ts, operations/plan.ts, operations/statefulset-pods.ts,
// operations/resize.ts); the data volumes' claims: size, storage class and expansion progress
// (operations/resize.ts); pooler Deployment selectors; setup and operations Job conditions and ages; Job pods'
// owners and termination messages; Secret data (credentials, rotation, infrastructure roles, pod and backup
// environment); ConfigMap data (pod environment, infrastructure role descriptions); PostgresTeam maps of team
// lists (roles/teams.ts). Every kind: labels and annotations, which an unchanged answer carries (passthrough.ts).
const SHAPES: Record<string, Shape> = {
  [ChildKind.Secret]: fields({ metadata, data: mapOf(base64) }),
  [ChildKind.ConfigMap]: fields({ metadata, data: mapOf(text) }),
  [ChildKind.StatefulSet]: fields({
    metadata: fields({ ...metadataFields, generation: count, uid: text, deletionTimestamp: text }),
    spec: fields({
      replicas: count,
      selector,
      serviceName: text,
      template: fields({ metadata }),
      podManagementPolicy: text,
      volumeClaimTemplates: listOf(fields({
        metadata: fields({ name: text }),
        spec: fields({ storageClassName: text, resources: fields({ requests: fields({ storage: quantity }) }) }),
      })),
    }),
    status: fields({ observedGeneration: count, replicas: count, readyReplicas: count, updatedReplicas: count, currentRevision: text, updateRevision: text }),
  }),
  [ChildKind.Deployment]: fields({ metadata, spec: fields({ selector }) }),
  [RelatedKind.Pod]: fields({
    metadata: fields({ ...metadataFields, name: text, namespace: text, creationTimestamp: text, ownerReferences: listOf(fields({ uid: text, controller: flag })) }),
    status: fields({ containerStatuses: listOf(fields({ state: fields({ terminated: fields({ message: text }) }) })) }),
  }),
  [RelatedKind.PersistentVolumeClaim]: fields({
    metadata: fields({ ...metadataFields, deletionTimestamp: text }),
    spec: fields({ storageClassName: text, resources: fields({ requests: fields({ storage: quantity }) }) }),
    status: fields({
      phase: text,
      capacity: fields({ storage: quantity }),
      conditions: listOf(fields({ type: text, status: text, message: text })),
    }),
  }),
  [RelatedKind.PostgresTeam]: fields({
    metadata,
    spec: fields({ additionalSuperuserTeams: teamLists, additionalTeams: teamLists, additionalMembers: teamLists }),
  }),
  [ChildKind.Job]: fields({
    metadata: fields({ ...metadataFields, namespace: text, uid: text, creationTimestamp: text }),
    status: fields({ conditions: listOf(fields({ type: text, status: text, reason: text, message: text })) }),
  }),
};

const ANY_KIND = fields({ metadata });

/** More than this many problems of one object are counted, not listed, to keep the status short. */
const LISTED_PER_OBJECT = 5;

export interface Identity { kind?: string | undefined; metadata?: { name?: string | undefined; namespace?: string | undefined } | undefined }

/** `<Kind> <namespace>/<name>: <field path> must be …`, for the object the fields were found in. */
export function describeProblems(object: Identity, problems: string[]): string {
  const listed = problems.slice(0, LISTED_PER_OBJECT).join(', ');
  const more = problems.length > LISTED_PER_OBJECT ? ` and ${problems.length - LISTED_PER_OBJECT} more` : '';
  return `${object.kind} ${object.metadata?.namespace ?? ''}/${object.metadata?.name}: ${listed}${more}`;
}

/** One line per observed object with fields the hooks cannot read; empty when every one is readable. */
export function unreadableObjects(observed: Observed): string[] {
  const lines: string[] = [];
  for (const { kind, object } of observed.everyObject()) {
    const check = SHAPES[kind] ?? ANY_KIND;
    if (check.accepts(object)) continue;
    const problems: string[] = [];
    check(object, '', problems);
    lines.push(describeProblems(object, problems));
  }
  return lines;
}
