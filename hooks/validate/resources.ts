// Container resources as the API server checks them (ValidateContainerResourceRequirements), on
// what the containers really get: the manifest's values after the defaults and bounds are applied.
import type { IResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import type { OperatorConfig } from '../../schemas/config.js';
import type { Cluster } from '../cluster.js';
import { sidecarContainers } from '../pod/sidecars.js';
import { pgdataMount } from '../pod/volumes.js';
import { compareQuantities, isMultipleOf, quantityFormat } from '../quantity.js';
import { poolerResources, postgresResources } from '../resources.js';
import { anyPoolerEnabled } from '../roles/model.js';
import type { Violation } from './violation.js';

/** Requests of these may be lower than their limits; every other resource must request exactly its limit. */
const OVERCOMMITTABLE = new Set(['cpu', 'memory', 'ephemeral-storage']);
const HUGEPAGES = /^hugepages-(.+)$/;

type Amounts = Record<string, string | number> | undefined;

function text(value: string | number): string {
  return typeof value === 'number' ? String(value) : value;
}

/** The reasons one amount is refused; empty for a well-formed, non-negative amount. */
function amountReasons(resource: string, value: string): string[] {
  const format = quantityFormat(value);
  if (format.length > 0) return format;
  if (compareQuantities(value, '0') < 0) return ['must not be negative'];
  const page = HUGEPAGES.exec(resource)?.[1];
  if (page !== undefined && quantityFormat(page).length === 0 && !isMultipleOf(value, page)) return [`must be a whole number of ${page} pages`];
  return [];
}

export function resourceViolations(path: string, resources: IResourceRequirements | undefined): Violation[] {
  const limits = (resources?.limits ?? {}) as NonNullable<Amounts>;
  const requests = (resources?.requests ?? {}) as NonNullable<Amounts>;
  const violations: Violation[] = [];
  const wellFormed = (kind: string, amounts: NonNullable<Amounts>) => Object.entries(amounts).filter(([resource, value]) => {
    const reasons = amountReasons(resource, text(value));
    violations.push(...reasons.map((reason) => ({ path: `${path}.${kind}.${resource}`, message: `${JSON.stringify(text(value))} ${reason}` })));
    return reasons.length === 0;
  });
  const goodLimits = new Map(wellFormed('limits', limits).map(([resource, value]) => [resource, text(value)]));
  for (const [resource, raw] of wellFormed('requests', requests)) {
    const request = text(raw);
    const limit = goodLimits.get(resource);
    const at = `${path}.requests.${resource}`;
    if (OVERCOMMITTABLE.has(resource)) {
      if (limit !== undefined && compareQuantities(request, limit) > 0) violations.push({ path: at, message: `${request} must not exceed the ${resource} limit ${limit}` });
    } else if (limit === undefined) {
      violations.push({ path: `${path}.limits.${resource}`, message: `must be set: ${resource} cannot be requested without a limit` });
    } else if (compareQuantities(request, limit) !== 0) {
      violations.push({ path: at, message: `${request} must equal the ${resource} limit ${limit}` });
    }
  }
  const all = [...Object.keys(limits), ...Object.keys(requests)];
  if (all.some((r) => HUGEPAGES.test(r)) && !all.some((r) => r === 'cpu' || r === 'memory')) {
    violations.push({ path, message: 'hugepages need a cpu or memory request or limit beside them' });
  }
  return violations;
}

/** The resources of every container the manifest shapes: postgres, its sidecars, the pooler and init containers. */
export function containerResourceViolations(cluster: Cluster, config: OperatorConfig): Violation[] {
  const spec = cluster.spec;
  const sidecars = sidecarContainers(cluster, config, pgdataMount(spec));
  const manifestSidecars = (spec.sidecars ?? []).flatMap((sidecar, i) => {
    const built = sidecars.find((c) => c.name === (sidecar.name || `sidecar-${i}`));
    return built ? resourceViolations(`spec.sidecars.${i}.resources`, built.resources) : [];
  });
  return [
    ...resourceViolations('spec.resources', postgresResources(cluster, config)),
    ...manifestSidecars,
    ...(anyPoolerEnabled(spec) ? resourceViolations('spec.connectionPooler.resources', poolerResources(cluster, config)) : []),
    ...(spec.initContainers ?? []).flatMap((c, i) => resourceViolations(`spec.initContainers.${i}.resources`, c.resources)),
  ];
}
