// Reading Kubernetes objects as people hand them over: a file or stdin, YAML (one or many documents)
// or JSON, single objects or `kind: List` (what `kubectl get … -o json` prints), flattened into one list.
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../schemas/hook.js';

export class InputError extends Error {
  override name = 'InputError';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function flatten(document: unknown, where: string): KubeObject[] {
  if (document === null || document === undefined) return [];
  if (!isObject(document)) throw new InputError(`${where}: expected a Kubernetes object, found ${Array.isArray(document) ? 'a list' : typeof document}`);
  if (Array.isArray(document.items) && (document.kind === 'List' || String(document.kind ?? '').endsWith('List'))) {
    return document.items.flatMap((item, i) => flatten(item, `${where} items[${i}]`));
  }
  const metadata = document.metadata;
  if (typeof document.kind !== 'string' || typeof document.apiVersion !== 'string' || !isObject(metadata) || typeof metadata.name !== 'string') {
    throw new InputError(`${where}: not a Kubernetes object (apiVersion, kind and metadata.name are needed)`);
  }
  return [document as KubeObject];
}

/** Every object of a text of YAML documents or JSON (JSON is YAML). */
export function parseObjects(text: string, source: string): KubeObject[] {
  const documents = parseAllDocuments(text);
  const list = Array.isArray(documents) ? documents : [documents];
  return list.flatMap((document, i) => {
    const first = document.errors[0];
    if (first) throw new InputError(`${source}: neither YAML nor JSON (document ${i + 1}): ${first.message.split('\n')[0]}`);
    return flatten(document.toJS(), list.length > 1 ? `${source} document ${i + 1}` : source);
  });
}

/** `-` reads stdin. */
export async function readObjects(path: string, stdin: () => Promise<string>): Promise<KubeObject[]> {
  let text: string;
  try {
    text = path === '-' ? await stdin() : await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${(error as Error).message}`);
  }
  return parseObjects(text, path === '-' ? 'stdin' : path);
}

export function objectId(object: { kind: string; metadata: { name: string } }): string {
  return `${object.kind}/${object.metadata.name}`;
}

/** A metadata field the object schemas leave open (ownerReferences, resourceVersion, finalizers …). */
export function metadataField<T>(object: { metadata: object }, key: string): T | undefined {
  return (object.metadata as Record<string, unknown>)[key] as T | undefined;
}
