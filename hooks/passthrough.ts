// Children returned unchanged when the hook must not change anything (invalid spec, missing inputs,
// unreadable observed objects): Metacontroller deletes every child a response leaves out. What we
// last declared is taken from Metacontroller's last-applied annotation; without a usable one, the
// observed object minus the fields that belong to the API server or to Metacontroller. This runs on
// objects that may be malformed, so it reads nothing it has not checked and never throws.
import { hash } from 'node:crypto';
import type { KubeObject, ObservedObject } from '../schemas/hook.js';
import { lru } from './memo.js';
import { annotationKeys, labelKeys } from './names.js';
import { isMap } from './observed-shape.js';

const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences'];

function stringEntries(map: Record<string, unknown>, without: string): Record<string, string> {
  return Object.fromEntries(Object.entries(map).filter((entry): entry is [string, string] => entry[0] !== without && typeof entry[1] === 'string'));
}

/** The last-applied object, when the text is JSON of an object. */
function parseDeclared(text: string): ObservedObject | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  return isMap(parsed) && isMap(parsed.metadata) ? (parsed as ObservedObject) : null;
}

/**
 * What the last-applied annotations seen lately declare, without their server fields: the finished Jobs and
 * their ConfigMaps are answered this way on every call, and the same text gives the same frozen object (which
 * the last guard then checks once). Keyed by a digest of the text, which may hold a Secret's data.
 */
const declaredTexts = lru<KubeObject | null>(512);

function lastAppliedDeclared(object: ObservedObject): KubeObject | undefined {
  const annotations = object.metadata.annotations;
  const text = isMap(annotations) ? annotations[annotationKeys.lastApplied] : undefined;
  if (typeof text !== 'string' || text === '') return undefined;
  const declared = declaredTexts(hash('sha256', text, 'base64'), () => {
    const parsed = parseDeclared(text);
    return parsed && withoutServerFields(parsed);
  });
  if (!declared) return undefined;
  const sameIdentity = declared.kind === object.kind && declared.apiVersion === object.apiVersion && declared.metadata.name === object.metadata.name;
  return sameIdentity ? declared : undefined;
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
  return lastAppliedDeclared(object) ?? withoutServerFields(object);
}
