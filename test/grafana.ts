// Reads deploy/grafana/postgres-clusters.json for the tests: its panels and the metric names its queries use.
import { readFileSync } from 'node:fs';

interface Panel { type: string; title: string; datasource?: unknown; targets?: Array<{ expr: string }> }

export function dashboard(): { panels: Panel[] } {
  return JSON.parse(readFileSync(new URL('../deploy/grafana/postgres-clusters.json', import.meta.url), 'utf8'));
}

/** Every series name the panels' queries select (histogram buckets by their histogram's name). */
export function dashboardMetricNames(): string[] {
  const exprs = dashboard().panels.flatMap((p) => p.targets ?? []).map((target) => target.expr);
  const names = exprs.flatMap((expr) => [...expr.matchAll(/\b(pg(?:mc)?_[a-z_]+)\s*[{[(]/g)].map((m) => m[1]!.replace(/_bucket$/, '')));
  return [...new Set(names)].sort();
}

/** The names an exposition has samples or a TYPE line for. */
export function renderedMetricNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const line of exposition.split('\n')) {
    const typed = /^# TYPE (\S+) /.exec(line);
    if (typed) names.add(typed[1]!);
    else if (/^[a-z_]/.test(line)) names.add(line.split(/[{ ]/)[0]!);
  }
  return names;
}
