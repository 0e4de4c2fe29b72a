// Children returned unchanged when the hook must not change anything (invalid spec, missing inputs,
// unreadable observed objects): Metacontroller deletes every child a response leaves out. What we
// last declared is taken from Metacontroller's last-applied annotation; without a usable one, the
// observed object minus the fields that belong to the API server or to Metacontroller. This runs on
// objects that may be malformed, so it reads nothing it has not checked and never throws.
import type { KubeObject, ObservedObject } from '../schemas/hook.js';
import { annotationKeys, labelKeys } from './names.js';
import { isMap } from './observed-shape.js';

const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences'];

function stringEntries(map: Record<string, unknown>, without: string): Record<string, string> {
  return Object.fromEntries(Object.entries(map).filter((entry): entry is [string, string] => entry[0] !== without && typeof entry[1] === 'string'));
}

/** The last-applied object, when it is JSON of an object with this one's identity. */
function lastApplied(object: ObservedObject): ObservedObject | undefined {
  const annotations = object.metadata.annotations;
  const text = isMap(annotations) ? annotations[annotationKeys.lastApplied] : undefined;
  if (typeof text !== 'string' || text === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isMap(parsed) || !isMap(parsed.metadata)) return undefined;
  const sameIdentity = parsed.kind === object.kind && parsed.apiVersion === object.apiVersion && parsed.metadata.name === object.metadata.name;
  return sameIdentity ? (parsed as ObservedObject) : undefined;
}

/** Labels and annotations are kept only as string maps (a non-string entry cannot be written back). */
export function withoutServerFields(object: ObservedObject): KubeObject {
  const { status: _status, ...rest } = object;
  const metadata: Record<string, unknown> = { ...object.metadata };
  for (const key of SERVER_METADATA) delete metadata[key];
  const { labels, annotations } = object.metadata;
  if (isMap(labels)) metadata.labels = stringEntries(labels, labelKeys.controllerUid);
  else delete metadata.labels;
  const kept = isMap(annotations) ? stringEntries(annotations, annotationKeys.lastApplied) : {};
  if (Object.keys(kept).length > 0) metadata.annotations = kept;
  else delete metadata.annotations;
  return { ...rest, metadata } as KubeObject;
}

export function keepAsDeclared(object: ObservedObject): KubeObject {
  return withoutServerFields(lastApplied(object) ?? object);
}
