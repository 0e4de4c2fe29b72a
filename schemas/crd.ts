// Turns TypeBox's JSON Schema into a Kubernetes structural schema (apiextensions.k8s.io/v1), which
// accepts only a subset of JSON Schema: no patternProperties, const, type-less nodes, null types,
// or numeric exclusive bounds. Anything it cannot express fails loudly instead of being dropped.
import type { TSchema } from 'typebox';

export type JsonSchema = { [key: string]: unknown };

const DROPPED_KEYS = new Set(['$id', '$schema', '$comment', 'format']);
const VALUE_VALIDATIONS = new Set(['anyOf', 'not', 'allOf', 'oneOf']);

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOfEnum(values: unknown[], path: string): string {
  const types = new Set(values.map((v) => (Number.isInteger(v) ? 'integer' : typeof v)));
  if (types.size !== 1) throw new Error(`${path}: enum mixes types ${[...types].join(', ')}`);
  return [...types][0] as string;
}

/** `anyOf` members that only add `required` lists are value validations Kubernetes accepts as they are. */
function isRequiredOnly(schema: unknown): boolean {
  return isObject(schema) && Object.keys(schema).every((k) => k === 'required');
}

function convertUnion(members: JsonSchema[], path: string): JsonSchema {
  const nonNull = members.filter((m) => m.type !== 'null');
  const nullable = nonNull.length !== members.length;
  const types = nonNull.map((m) => m.type);
  if (nonNull.length === 1) return { ...toStructural(nonNull[0] as JsonSchema, path), ...(nullable ? { nullable: true } : {}) };
  if (types.length === 2 && types.includes('integer') && types.includes('string')) {
    return { 'x-kubernetes-int-or-string': true, ...(nullable ? { nullable: true } : {}) };
  }
  if (nonNull.every((m) => 'const' in m)) {
    const values = nonNull.map((m) => m.const);
    return { type: typeOfEnum(values, path), enum: values, ...(nullable ? { nullable: true } : {}) };
  }
  throw new Error(`${path}: a union of ${JSON.stringify(types)} has no structural equivalent`);
}

export function toStructural(schema: JsonSchema, path = '#'): JsonSchema {
  if (Array.isArray(schema.anyOf) && !('type' in schema)) return convertUnion(schema.anyOf as JsonSchema[], path);
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_KEYS.has(key)) continue;
    if (key === 'const') {
      out.enum = [value];
      out.type ??= typeOfEnum([value], path);
    } else if (key === 'enum') {
      out.enum = value;
      out.type ??= typeOfEnum(value as unknown[], path);
    } else if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([name, child]) => [name, toStructural(child, `${path}.${name}`)]),
      );
    } else if (key === 'patternProperties') {
      const entries = Object.entries(value as Record<string, JsonSchema>);
      if (entries.length !== 1) throw new Error(`${path}: several patternProperties`);
      out.additionalProperties = toStructural((entries[0] as [string, JsonSchema])[1], `${path}.*`);
    } else if (key === 'additionalProperties') {
      if (isObject(value)) out.additionalProperties = toStructural(value, `${path}.*`);
    } else if (key === 'items') {
      if (!isObject(value)) throw new Error(`${path}: tuple items are not structural`);
      out.items = toStructural(value, `${path}[]`);
    } else if (key === 'uniqueItems') {
      if (value === true) out['x-kubernetes-list-type'] = 'set';
    } else if (key === 'exclusiveMinimum' || key === 'exclusiveMaximum') {
      out[key === 'exclusiveMinimum' ? 'minimum' : 'maximum'] = value;
      out[key] = true;
    } else if (VALUE_VALIDATIONS.has(key)) {
      const members = Array.isArray(value) ? value : [value];
      if (!members.every(isRequiredOnly)) throw new Error(`${path}: ${key} may only list required fields`);
      out[key] = value;
    } else if (key === 'default' || key === 'required' || key === 'type' || key === 'pattern' || key === 'description' ||
      key === 'minimum' || key === 'maximum' || key === 'minLength' || key === 'maxLength' || key === 'minItems' ||
      key === 'maxItems' || key.startsWith('x-kubernetes-')) {
      out[key] = value;
    } else {
      throw new Error(`${path}: keyword ${key} has no structural equivalent`);
    }
  }
  if (!('type' in out) && !out['x-kubernetes-preserve-unknown-fields'] && !out['x-kubernetes-int-or-string']) {
    if (Object.keys(out).length === 0) return { 'x-kubernetes-preserve-unknown-fields': true };
    throw new Error(`${path}: every node needs a type`);
  }
  if (out.type === 'object' && out.properties && out.additionalProperties) delete out.additionalProperties;
  return out;
}

/** TypeBox keeps its bookkeeping in non-enumerable keys; a JSON round trip leaves plain JSON Schema. */
export function plainSchema(schema: TSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema)) as JsonSchema;
}

export interface CrdNames { kind: string; plural: string; singular: string; listKind: string; shortNames: string[]; categories: string[] }
export interface PrinterColumn { name: string; type: string; jsonPath: string; description: string }

export function customResourceDefinition(options: {
  group: string; version: string; names: CrdNames; spec: TSchema; status?: TSchema; printerColumns?: PrinterColumn[];
  statusRequired?: string[];
}): JsonSchema {
  const properties: JsonSchema = {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: toStructural(plainSchema(options.spec), '#.spec'),
  };
  if (options.status) properties.status = toStructural(plainSchema(options.status), '#.status');
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${options.names.plural}.${options.group}`, labels: { 'app.kubernetes.io/name': 'postgres-metacontroller' } },
    spec: {
      group: options.group,
      names: options.names,
      scope: 'Namespaced',
      versions: [
        {
          name: options.version,
          served: true,
          storage: true,
          ...(options.printerColumns ? { additionalPrinterColumns: options.printerColumns } : {}),
          schema: { openAPIV3Schema: { type: 'object', required: ['metadata', 'spec'], properties } },
          subresources: { status: {} },
        },
      ],
    },
  };
}
