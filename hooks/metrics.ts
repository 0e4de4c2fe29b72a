// Prometheus text exposition for the few series this service has: requests and errors per hook, a
// duration histogram per hook, the children returned per kind, and the per-cluster gauges.
import { ClusterGauges } from './cluster-metrics.js';

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function labelText(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`);
  return parts.length > 0 ? `{${parts.join(',')}}` : '';
}

class Counter {
  private readonly values = new Map<string, { labels: Record<string, string>; value: number }>();
  constructor(readonly name: string, readonly help: string) {}
  inc(labels: Record<string, string>, by = 1): void {
    const key = labelText(labels);
    const entry = this.values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }
  render(): string[] {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`,
      ...[...this.values.values()].map((e) => `${this.name}${labelText(e.labels)} ${e.value}`)];
  }
}

class Histogram {
  private readonly series = new Map<string, { labels: Record<string, string>; counts: number[]; sum: number; count: number }>();
  constructor(readonly name: string, readonly help: string) {}
  observe(labels: Record<string, string>, seconds: number): void {
    const key = labelText(labels);
    const entry = this.series.get(key) ?? { labels, counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
    BUCKETS.forEach((bound, i) => { if (seconds <= bound) entry.counts[i] = (entry.counts[i] ?? 0) + 1; });
    entry.sum += seconds;
    entry.count += 1;
    this.series.set(key, entry);
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const e of this.series.values()) {
      BUCKETS.forEach((bound, i) => lines.push(`${this.name}_bucket${labelText({ ...e.labels, le: String(bound) })} ${e.counts[i]}`));
      lines.push(`${this.name}_bucket${labelText({ ...e.labels, le: '+Inf' })} ${e.count}`);
      lines.push(`${this.name}_sum${labelText(e.labels)} ${e.sum}`, `${this.name}_count${labelText(e.labels)} ${e.count}`);
    }
    return lines;
  }
}

export class Metrics {
  readonly requests = new Counter('pgmc_hook_requests_total', 'Hook requests by hook and HTTP status code.');
  readonly errors = new Counter('pgmc_hook_errors_total', 'Hook requests that did not succeed, by hook and reason.');
  readonly duration = new Histogram('pgmc_hook_duration_seconds', 'Time to answer a hook request.');
  readonly children = new Counter('pgmc_hook_children_total', 'Children returned, by hook and kind.');
  readonly clusters = new ClusterGauges();

  render(now = new Date()): string {
    return [...this.requests.render(), ...this.errors.render(), ...this.duration.render(), ...this.children.render(), ...this.clusters.render(now, labelText)].join('\n') + '\n';
  }
}
