// Workload selectors cannot change once created. When the configuration would change one
// (cluster_labels, cluster_name_label), the observed selector is kept and its labels stay on the pod
// template, so the object remains valid and keeps its pods.
import { sorted } from '../maps.js';

interface Selector { matchLabels?: Record<string, string> | undefined; matchExpressions?: unknown[] | undefined }

interface Workload {
  spec?: { selector: Selector; template: { metadata?: { labels?: Record<string, string> } } } | undefined;
}

/** Of the observed workload only its selector is read. */
interface ObservedSelector { spec?: { selector?: Selector | undefined } | undefined }

export function selectorChanged(desired: Workload, observed: ObservedSelector | undefined): boolean {
  return observed?.spec?.selector !== undefined && JSON.stringify(desired.spec?.selector) !== JSON.stringify(observed.spec.selector);
}

export function keepObservedSelector<T extends Workload>(desired: T, observed: ObservedSelector | undefined): T {
  const selector = observed?.spec?.selector;
  if (!desired.spec || !selector) return desired;
  const template = desired.spec.template;
  return {
    ...desired,
    spec: {
      ...desired.spec,
      selector,
      template: { ...template, metadata: { ...template.metadata, labels: sorted({ ...(template.metadata?.labels ?? {}), ...(selector.matchLabels ?? {}) }) } },
    },
  };
}
