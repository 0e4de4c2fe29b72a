// Where a pod may run, as the API server checks it (pkg/apis/core/validation validateAffinity,
// ValidateTolerations, validateTopologySpreadConstraints). These fields come from the manifest
// (nodeAffinity, tolerations) or from the operator configuration.
import { dns1123Label, int32, labelValue, qualifiedName } from './identifiers.js';
import { labelSelectorProblems } from './metadata.js';
import { fields, int32Field, isObject, items, oneOf, textOf, type Fields, type Problems } from './problems.js';

const TAINT_EFFECTS: ReadonlySet<string> = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
const UNSATISFIABLE_ACTIONS: ReadonlySet<string> = new Set(['DoNotSchedule', 'ScheduleAnyway']);
const INCLUSION_POLICIES: ReadonlySet<string> = new Set(['Honor', 'Ignore']);
const NODE_OPERATORS: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']);

export function affinityProblems(p: Problems, affinity: unknown, path: string): void {
  if (!isObject(affinity)) return;
  const node = fields(affinity.nodeAffinity);
  const required = node.requiredDuringSchedulingIgnoredDuringExecution;
  if (required !== undefined) {
    const terms = items(fields(required).nodeSelectorTerms);
    const termsPath = `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
    if (terms.length === 0) p.add(termsPath, 'must have at least one node selector term');
    terms.forEach((term, i) => nodeSelectorTermProblems(p, fields(term), `${termsPath}[${i}]`, true));
  }
  items(node.preferredDuringSchedulingIgnoredDuringExecution).forEach((entry, i) => {
    const term = fields(entry);
    const at = `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    weightProblems(p, term.weight, `${at}.weight`);
    // Preferred terms may name label values no node has yet: the API server does not check them.
    nodeSelectorTermProblems(p, fields(term.preference), `${at}.preference`, false);
  });
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const pods = fields(affinity[kind]);
    items(pods.requiredDuringSchedulingIgnoredDuringExecution).forEach((term, i) => {
      podAffinityTermProblems(p, fields(term), `${path}.${kind}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`);
    });
    items(pods.preferredDuringSchedulingIgnoredDuringExecution).forEach((entry, i) => {
      const weighted = fields(entry);
      const at = `${path}.${kind}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      weightProblems(p, weighted.weight, `${at}.weight`);
      podAffinityTermProblems(p, fields(weighted.podAffinityTerm), `${at}.podAffinityTerm`);
    });
  }
}

function weightProblems(p: Problems, weight: unknown, path: string): void {
  if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 1 || weight > 100) p.add(path, 'must be in the range 1-100');
}

function nodeSelectorTermProblems(p: Problems, term: Fields, path: string, checkValues: boolean): void {
  items(term.matchExpressions).forEach((entry, i) => {
    const requirement = fields(entry);
    const at = `${path}.matchExpressions[${i}]`;
    const values = items(requirement.values);
    const operator = requirement.operator;
    if (!NODE_OPERATORS.has(operator as string)) p.add(`${at}.operator`, `must be one of ${[...NODE_OPERATORS].join(', ')}`);
    else if ((operator === 'In' || operator === 'NotIn') && values.length === 0) p.add(`${at}.values`, `must be specified when the operator is ${operator}`);
    else if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) p.add(`${at}.values`, `may not be specified when the operator is ${operator}`);
    else if ((operator === 'Gt' || operator === 'Lt') && values.length !== 1) p.add(`${at}.values`, `must have exactly one value when the operator is ${operator}`);
    p.checkField(at, 'key', qualifiedName(textOf(requirement.key) ?? ''));
    if (checkValues) values.forEach((value, v) => p.check(`${at}.values[${v}]`, labelValue(textOf(value) ?? '')));
  });
  items(term.matchFields).forEach((entry, i) => {
    const requirement = fields(entry);
    const at = `${path}.matchFields[${i}]`;
    if (requirement.operator !== 'In' && requirement.operator !== 'NotIn') p.add(`${at}.operator`, 'must be In or NotIn');
    else if (items(requirement.values).length !== 1) p.add(`${at}.values`, 'must have exactly one value');
    if (requirement.key !== 'metadata.name') p.add(`${at}.key`, 'must be metadata.name');
  });
}

function podAffinityTermProblems(p: Problems, term: Fields, path: string): void {
  labelSelectorProblems(p, term.labelSelector, `${path}.labelSelector`, false);
  labelSelectorProblems(p, term.namespaceSelector, `${path}.namespaceSelector`, false);
  items(term.namespaces).forEach((namespace, i) => p.check(`${path}.namespaces[${i}]`, dns1123Label(textOf(namespace) ?? '')));
  const key = textOf(term.topologyKey);
  if (key === undefined || key === '') p.add(`${path}.topologyKey`, 'is required');
  else p.checkField(path, 'topologyKey', qualifiedName(key));
}

export function tolerationProblems(p: Problems, tolerations: readonly unknown[], path: string): void {
  tolerations.forEach((entry, i) => {
    const toleration = fields(entry);
    const at = `${path}[${i}]`;
    const key = textOf(toleration.key) ?? '';
    const operator = toleration.operator ?? '';
    const value = textOf(toleration.value) ?? '';
    if (key !== '') p.checkField(at, 'key', qualifiedName(key));
    else if (operator !== 'Exists') p.add(`${at}.operator`, 'must be Exists when the key is empty (which matches every taint)');
    if (toleration.tolerationSeconds !== undefined && toleration.effect !== 'NoExecute') {
      p.add(`${at}.effect`, 'must be NoExecute when tolerationSeconds is set');
    }
    if (operator === 'Equal' || operator === '') p.checkField(at, 'value', labelValue(value));
    else if (operator === 'Exists') {
      if (value !== '') p.add(`${at}.value`, 'must be empty when the operator is Exists');
    } else p.add(`${at}.operator`, 'must be Equal or Exists');
    if (toleration.effect !== '') oneOf(p, toleration.effect, `${at}.effect`, TAINT_EFFECTS);
  });
}

export function topologySpreadProblems(p: Problems, constraints: readonly unknown[], path: string): void {
  const seen = new Set<string>();
  constraints.forEach((entry, i) => {
    const constraint = fields(entry);
    const at = `${path}[${i}]`;
    const maxSkew = constraint.maxSkew;
    if (typeof maxSkew !== 'number' || int32(maxSkew).length > 0 || maxSkew <= 0) p.add(`${at}.maxSkew`, 'must be greater than zero');
    const key = textOf(constraint.topologyKey);
    if (key === undefined || key === '') p.add(`${at}.topologyKey`, 'is required');
    if (!UNSATISFIABLE_ACTIONS.has(constraint.whenUnsatisfiable as string)) p.add(`${at}.whenUnsatisfiable`, 'must be DoNotSchedule or ScheduleAnyway');
    const pair = `${key}/${String(constraint.whenUnsatisfiable)}`;
    if (seen.has(pair)) p.add(at, `repeats the topologyKey and whenUnsatisfiable of another constraint (${key}, ${String(constraint.whenUnsatisfiable)})`);
    seen.add(pair);
    if (constraint.minDomains !== undefined) {
      int32Field(p, constraint.minDomains, `${at}.minDomains`, 1);
      if (constraint.whenUnsatisfiable !== 'DoNotSchedule') p.add(`${at}.minDomains`, 'may be set only when whenUnsatisfiable is DoNotSchedule');
    }
    oneOf(p, constraint.nodeAffinityPolicy, `${at}.nodeAffinityPolicy`, INCLUSION_POLICIES);
    oneOf(p, constraint.nodeTaintsPolicy, `${at}.nodeTaintsPolicy`, INCLUSION_POLICIES);
    labelSelectorProblems(p, constraint.labelSelector, `${at}.labelSelector`, false);
    items(constraint.matchLabelKeys).forEach((labelKey, k) => p.check(`${at}.matchLabelKeys[${k}]`, qualifiedName(textOf(labelKey) ?? '')));
  });
}
