// The Grafana dashboard in deploy/grafana reads only series that exist: every pgmc_* name is one the hooks'
// /metrics renders (the postgres_exporter names are checked against a real scrape in postgres-exporter.test.ts).
import t from 'tap';
import { pino } from 'pino';
import { loadManifest, syncRequest } from '../fixtures/requests.js';
import { buildApp } from '../hooks/app.js';
import { defaultConfig } from '../hooks/config.js';
import { seededRandom } from '../hooks/random.js';
import { dashboardMetricNames, renderedMetricNames } from './grafana.js';
import { NOW } from './support.js';

t.test('every hook series the dashboard queries is rendered by /metrics', async (t) => {
  const { app } = buildApp({ config: defaultConfig(), logger: pino({ level: 'silent' }), clock: () => NOW, random: seededRandom(1) });
  await app.inject({ method: 'POST', url: '/sync', payload: syncRequest(loadManifest('minimal')) });
  const rendered = renderedMetricNames((await app.inject('/metrics')).body);
  const wanted = dashboardMetricNames().filter((name) => name.startsWith('pgmc_'));
  t.ok(wanted.length >= 6, `the dashboard uses the hook's series: ${wanted.join(', ')}`);
  t.same(wanted.filter((name) => !rendered.has(name)), []);
});

t.test('the template variables and every panel query one Prometheus data source', async (t) => {
  const { dashboard } = await import('./grafana.js');
  const panels = dashboard().panels.filter((p) => p.type !== 'row');
  t.ok(panels.length > 0);
  for (const panel of panels) t.same(panel.datasource, { type: 'prometheus', uid: '${datasource}' }, panel.title);
});
