// A container's resources as the API server checks them (pkg/apis/core/validation
// validateResourceRequirements): resource names, quantities that are valid and not negative,
// requests not above limits, and the resources that cannot be overcommitted (huge pages, extended
// resources), whose request must equal a limit that is set.
import { compareValues, quantityFormat, readQuantity, type Quantity } from '../quantity.js';
import { qualifiedName } from './identifiers.js';
import { fields, isObject, type Fields, type Problems } from './problems.js';

const STANDARD_CONTAINER_RESOURCES: ReadonlySet<string> = new Set(['cpu', 'memory', 'ephemeral-storage']);
const HUGEPAGES_PREFIX = 'hugepages-';

function isHugePages(name: string): boolean {
  return name.startsWith(HUGEPAGES_PREFIX);
}

/** Names without a domain, or in kubernetes.io, are Kubernetes' own; others are extended resources. */
function isNative(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** Huge pages and extended resources cannot be overcommitted. */
function overcommitAllowed(name: string): boolean {
  return isNative(name) && !isHugePages(name);
}

function nameProblems(p: Problems, name: string, path: string): void {
  const reasons = qualifiedName(name);
  if (reasons.length > 0) p.check(path, reasons);
  else if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) {
    p.add(path, 'must be cpu, memory, ephemeral-storage, hugepages-<size> or a fully qualified extended resource');
  } else if (!isNative(name) && qualifiedName(`requests.${name}`).length > 0) {
    p.add(path, 'must be an extended resource name that stays a qualified name with the prefix "requests."');
  }
}

/** The quantity when valid and not negative; the problem otherwise. */
export function nonNegativeQuantity(p: Problems, value: unknown, path: string): Quantity | undefined {
  if (typeof value !== 'string') {
    p.add(path, 'must be a quantity string');
    return undefined;
  }
  const quantity = readQuantity(value);
  if (quantity === undefined) {
    p.check(path, quantityFormat(value));
    return undefined;
  }
  if (quantity.negative && quantity.digits !== 0n) {
    p.add(path, 'must be greater than or equal to 0');
    return undefined;
  }
  return quantity;
}

/** The value as an integer, or undefined when it has a fraction. */
function integral(quantity: Quantity): bigint | undefined {
  if (quantity.exponent >= 0) return quantity.digits * 10n ** BigInt(quantity.exponent);
  const scale = 10n ** BigInt(-quantity.exponent);
  return quantity.digits % scale === 0n ? quantity.digits / scale : undefined;
}

/** hugepages-2Mi holds whole 2Mi pages (IsHugePageResourceValueDivisible). */
function hugePagesProblems(p: Problems, name: string, quantity: Quantity, path: string): void {
  const page = readQuantity(name.slice(HUGEPAGES_PREFIX.length));
  const pageSize = page && !page.negative ? integral(page) : undefined;
  if (pageSize === undefined || pageSize === 0n) {
    p.add(path, `names an invalid huge page size (${name})`);
    return;
  }
  const bytes = integral(quantity);
  if (bytes === undefined || bytes % pageSize !== 0n) p.add(path, `must be a whole multiple of the page size of ${name}`);
}

function listProblems(p: Problems, list: Fields, path: string): Map<string, Quantity> {
  const valid = new Map<string, Quantity>();
  for (const name in list) {
    const at = `${path}[${name}]`;
    nameProblems(p, name, at);
    const quantity = nonNegativeQuantity(p, list[name], at);
    if (quantity === undefined) continue;
    if (isHugePages(name)) hugePagesProblems(p, name, quantity, at);
    else if (!isNative(name) && integral(quantity) === undefined) p.add(at, 'must be an integer');
    valid.set(name, quantity);
  }
  return valid;
}

export function resourceProblems(p: Problems, resources: Fields, path: string): void {
  for (const list of ['limits', 'requests'] as const) {
    if (resources[list] !== undefined && !isObject(resources[list])) p.add(`${path}.${list}`, 'must be a map of quantities');
  }
  const limitsText = fields(resources.limits);
  const requestsText = fields(resources.requests);
  const limits = listProblems(p, limitsText, `${path}.limits`);
  const requests = listProblems(p, requestsText, `${path}.requests`);
  for (const [name, request] of requests) {
    const limit = limits.get(name);
    if (limit !== undefined) {
      const order = compareValues(request, limit);
      if (!overcommitAllowed(name) && order !== 0) p.add(`${path}.requests[${name}]`, `must equal the ${name} limit (${String(limitsText[name])})`);
      else if (order > 0) p.add(`${path}.requests[${name}]`, `must be less than or equal to the ${name} limit (${String(limitsText[name])})`);
    } else if (!overcommitAllowed(name) && !Object.hasOwn(limitsText, name)) {
      p.add(`${path}.limits[${name}]`, 'must be set: this resource cannot be overcommitted');
    }
  }
  if ((namesHugePages(limitsText) || namesHugePages(requestsText)) && !namesCpuOrMemory(limitsText) && !namesCpuOrMemory(requestsText)) {
    p.add(path, 'huge pages require a cpu or memory request or limit');
  }
}

function namesHugePages(list: Fields): boolean {
  for (const name in list) if (isHugePages(name)) return true;
  return false;
}

function namesCpuOrMemory(list: Fields): boolean {
  return Object.hasOwn(list, 'cpu') || Object.hasOwn(list, 'memory');
}
