// The API server's rules for object metadata, label maps and label selectors (apimachinery's
// ValidateObjectMeta, ValidateLabels, ValidateAnnotations and ValidateLabelSelector).
import { dns1123Label, labelValue, qualifiedName } from './identifiers.js';
import { fields, isObject, items, textOf, type Fields, type Problems } from './problems.js';

/** apimachinery TotalAnnotationSizeLimitB: keys and values together, in bytes. */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;

type NameRule = (name: string) => readonly string[];

/** metadata.name by the kind's rule, namespace, labels and annotations. */
export function metadataProblems(p: Problems, metadata: unknown, nameRule: NameRule, path = 'metadata'): void {
  const meta = fields(metadata);
  const name = meta.name;
  if (typeof name !== 'string' || name === '') p.add(`${path}.name`, 'is required');
  else p.checkField(path, 'name', nameRule(name));
  // Metacontroller fills in the parent's namespace when a child has none.
  if (meta.namespace !== undefined) {
    if (typeof meta.namespace !== 'string') p.add(`${path}.namespace`, 'must be a string');
    else p.checkField(path, 'namespace', dns1123Label(meta.namespace));
  }
  labelProblems(p, meta.labels, `${path}.labels`);
  annotationProblems(p, meta.annotations, `${path}.annotations`);
}

/** The labels and annotations of an embedded template (pod, job or claim template). */
export function templateMetadataProblems(p: Problems, metadata: unknown, path: string): void {
  const meta = fields(metadata);
  labelProblems(p, meta.labels, `${path}.labels`);
  annotationProblems(p, meta.annotations, `${path}.annotations`);
}

/** Keys are qualified names, values label values (also for selectors' matchLabels and nodeSelector). */
export function labelProblems(p: Problems, labels: unknown, path: string): void {
  if (labels === undefined) return;
  if (!isObject(labels)) {
    p.add(path, 'must be a map of strings');
    return;
  }
  for (const key in labels) {
    p.checkEntry(path, key, qualifiedName(key));
    const value = labels[key];
    if (typeof value !== 'string') p.add(`${path}[${key}]`, 'must be a string');
    else p.checkEntry(path, key, labelValue(value));
  }
}

export function annotationProblems(p: Problems, annotations: unknown, path: string): void {
  if (annotations === undefined) return;
  if (!isObject(annotations)) {
    p.add(path, 'must be a map of strings');
    return;
  }
  let units = 0;
  for (const key in annotations) {
    // Annotation keys follow the qualified-name rule without regard to case.
    p.checkEntry(path, key, qualifiedName(key.toLowerCase()));
    const value = annotations[key];
    if (typeof value !== 'string') p.add(`${path}[${key}]`, 'must be a string');
    else units += key.length + value.length;
  }
  // A UTF-16 unit is at most 3 UTF-8 bytes: count bytes only when the total could reach the limit.
  if (units * 3 > MAX_ANNOTATIONS_BYTES) {
    let bytes = 0;
    for (const key in annotations) bytes += Buffer.byteLength(key) + Buffer.byteLength(textOf(annotations[key]) ?? '');
    if (bytes > MAX_ANNOTATIONS_BYTES) p.add(path, `must have at most ${MAX_ANNOTATIONS_BYTES} bytes in all (keys and values); these have ${bytes}`);
  }
}

const VALUED_OPERATORS = new Set(['In', 'NotIn']);
const VALUELESS_OPERATORS = new Set(['Exists', 'DoesNotExist']);

/** A metav1 LabelSelector; `required` also refuses a selector that selects everything. */
export function labelSelectorProblems(p: Problems, selector: unknown, path: string, required: boolean): void {
  if (selector === undefined || selector === null) {
    if (required) p.add(path, 'is required');
    return;
  }
  if (!isObject(selector)) {
    p.add(path, 'must be a label selector');
    return;
  }
  labelProblems(p, selector.matchLabels, `${path}.matchLabels`);
  const expressions = items(selector.matchExpressions);
  expressions.forEach((expression, i) => requirementProblems(p, fields(expression), `${path}.matchExpressions[${i}]`));
  if (required && expressions.length === 0 && Object.keys(fields(selector.matchLabels)).length === 0) {
    p.add(path, 'must not be empty: an empty selector selects every pod');
  }
}

function requirementProblems(p: Problems, requirement: Fields, path: string): void {
  const key = textOf(requirement.key);
  if (key === undefined) p.add(`${path}.key`, 'is required');
  else p.checkField(path, 'key', qualifiedName(key));
  const operator = textOf(requirement.operator) ?? '';
  const values = items(requirement.values);
  if (VALUED_OPERATORS.has(operator)) {
    if (values.length === 0) p.add(`${path}.values`, `must not be empty when the operator is ${operator}`);
  } else if (VALUELESS_OPERATORS.has(operator)) {
    if (values.length > 0) p.add(`${path}.values`, `must be empty when the operator is ${operator}`);
  } else {
    p.add(`${path}.operator`, 'must be In, NotIn, Exists or DoesNotExist');
  }
  values.forEach((value, i) => {
    if (typeof value !== 'string') p.add(`${path}.values[${i}]`, 'must be a string');
    else p.check(`${path}.values[${i}]`, labelValue(value));
  });
}

/** Whether a label selector selects an object with these labels (apimachinery's Matches). */
export function selects(selector: unknown, labels: unknown): boolean {
  const have = fields(labels);
  const matchLabels = fields(fields(selector).matchLabels);
  for (const key in matchLabels) if (have[key] !== matchLabels[key]) return false;
  for (const expression of items(fields(selector).matchExpressions)) {
    const { key, operator, values } = fields(expression);
    const value = typeof key === 'string' ? have[key] : undefined;
    const listed = typeof value === 'string' && items(values).includes(value);
    const matched =
      operator === 'In' ? listed
        : operator === 'NotIn' ? !listed
          : operator === 'Exists' ? value !== undefined
            : operator === 'DoesNotExist' ? value === undefined
              : false;
    if (!matched) return false;
  }
  return true;
}
