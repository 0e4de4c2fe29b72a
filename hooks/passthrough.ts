// Children returned unchanged when the hook must not change anything (invalid spec, missing inputs):
// Metacontroller deletes every child a response leaves out. What we last declared is taken from
// Metacontroller's last-applied annotation; without one, the observed object minus the fields that
// belong to the API server or to Metacontroller.
import type { KubeObject } from '../schemas/hook.js';
import { annotationKeys, labelKeys } from './names.js';

const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences'];

function lastApplied(object: KubeObject): KubeObject | undefined {
  const text = object.metadata.annotations?.[annotationKeys.lastApplied];
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as KubeObject;
    const sameIdentity = parsed?.kind === object.kind && parsed.apiVersion === object.apiVersion && parsed.metadata?.name === object.metadata.name;
    return sameIdentity ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function withoutServerFields(object: KubeObject): KubeObject {
  const { status: _status, ...rest } = object;
  const metadata: Record<string, unknown> = { ...object.metadata };
  for (const key of SERVER_METADATA) delete metadata[key];
  if (object.metadata.labels) {
    const { [labelKeys.controllerUid]: _uid, ...labels } = object.metadata.labels;
    metadata.labels = labels;
  }
  if (object.metadata.annotations) {
    const { [annotationKeys.lastApplied]: _applied, ...annotations } = object.metadata.annotations;
    if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
    else delete metadata.annotations;
  }
  return { ...rest, metadata } as KubeObject;
}

export function keepAsDeclared(object: KubeObject): KubeObject {
  return withoutServerFields(lastApplied(object) ?? object);
}
