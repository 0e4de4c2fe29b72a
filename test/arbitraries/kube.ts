// Values Kubernetes accepts, written the way people write them: names, label values, annotation
// keys, quantities, cron schedules, ports. Each arbitrary yields only values the API server takes
// (DNS-1123/1035 names, IANA service names, robfig/cron fields, the quantity grammar).
import fc from 'fast-check';

/** Short words names are made of; none is a role suffix (owner, reader, writer, user) or a pooler name. */
export const WORDS = ['acid', 'shop', 'orders', 'payments', 'billing', 'eu', 'central', 'prod', 'staging', 'main', 'db', 'pg', 'reports', 'analytics', 'stock', 'core', 'a1', 'x', 'ledger', 'search'] as const;

export const word = fc.constantFrom(...WORDS);

/** `a-b-c` from 1..max words, starting with a letter (DNS-1035 label). */
export function dashedWords(maxWords = 3, separator = '-'): fc.Arbitrary<string> {
  return fc.array(word, { minLength: 1, maxLength: maxWords })
    .map((words) => words.join(separator))
    .filter((name) => /^[a-z]/.test(name));
}

/** Cut to `max` characters without leaving a trailing separator. */
export function cut(text: string, max: number): string {
  return text.slice(0, max).replace(/[-_.]+$/, '');
}

/** Prefixes long enough that the names built from them reach the length limit and share most characters. */
const LONG_PREFIXES = [
  'acid-payments-eu-central-production-primary-cluster',
  'analytics-warehouse-reporting-staging-eu-west',
  'orders-service-database-with-a-very-long-name',
];

/** DNS-1035 label of 1..max characters; a third of them near `max`, many sharing a long prefix. */
export function longDnsName(max: number): fc.Arbitrary<string> {
  const short = dashedWords(3).filter((n) => n.length <= max);
  const nearLimit = fc.tuple(fc.constantFrom(...LONG_PREFIXES), dashedWords(2), fc.nat({ max: 4 }))
    .map(([prefix, tail, shorter]) => cut(`${prefix}-${tail}-${tail}`, max - shorter))
    .filter((n) => /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(n));
  return fc.oneof({ withCrossShrink: true }, { arbitrary: short, weight: 2 }, { arbitrary: nearLimit, weight: 1 });
}

/** A label value: at most 63 characters of alphanumerics, `-`, `_`, `.`, alphanumeric at both ends. */
export const labelValue = fc.oneof(
  dashedWords(2),
  fc.constantFrom('ACID', 'Team_A', 'team.payments', 'dev', 'v1.2'),
);

/** DNS-1123 subdomain such as `example.com`, used as annotation-key prefixes and Secret names. */
export const dnsSubdomain = fc.array(dashedWords(2), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));

/** Qualified name (`prefix/name` or `name`) as annotation and label keys need. */
export const qualifiedName = fc.tuple(
  fc.option(fc.constantFrom('example.com', 'prometheus.io', 'team.acme.org', 'sidecar.istio.io'), { nil: undefined }),
  fc.oneof(dashedWords(3), fc.constantFrom('scrape', 'Owner', 'cost_center', 'rev.2')),
).map(([prefix, name]) => (prefix ? `${prefix}/${name}` : name));

/** A C identifier, the strictest environment variable name rule Kubernetes ever had. */
export const envName = fc.tuple(fc.constantFrom('APP', 'LOG', 'DB', 'FEATURE', 'http', '_INTERNAL', 'Region'), fc.array(fc.constantFrom('LEVEL', 'MODE', 'X', '1', 'URL', 'name'), { maxLength: 2 }))
  .map(([head, rest]) => [head, ...rest].join('_'));

/** IANA service name: 1..15 lower-case alphanumerics and `-`, a letter somewhere, no `--`, no edge `-`. */
export const portName = fc.tuple(fc.constantFrom('metrics', 'http', 'grpc', 'admin', 'exporter', 'web', 'prom'), fc.option(fc.integer({ min: 1, max: 99 }), { nil: undefined }))
  .map(([base, n]) => (n === undefined ? base : `${base}-${n}`));

/** Ports a sidecar listens on; never the Spilo ports (5432, 8008, 8080). */
export const containerPort = fc.integer({ min: 1, max: 65535 }).filter((p) => ![5432, 8008, 8080].includes(p));

// ---- quantities ----

/** A CPU amount in millicores, written as `250m`, `2` or `0.5` (the forms the CRD pattern allows). */
export interface Amount { text: string; value: number }

export const cpuAmount: fc.Arbitrary<Amount> = fc.tuple(fc.integer({ min: 1, max: 16_000 }), fc.boolean())
  .map(([millis, asCores]) => ({ text: asCores ? String(millis / 1000) : `${millis}m`, value: millis / 1000 }));

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
const DECIMAL: Record<string, number> = { M: 1e6, G: 1e9, T: 1e12 };

/** A byte amount in the forms users write: `512Mi`, `1.5Gi`, `2G`, `1073741824`, `128e6`. */
export const memoryAmount: fc.Arbitrary<Amount> = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 4096 }), fc.constantFrom('Ki', 'Mi', 'Gi', 'Ti'))
    .map(([n, unit]) => ({ text: `${n}${unit}`, value: n * BINARY[unit]! })),
  fc.tuple(fc.constantFrom('0.5', '1.5', '2.5', '0.25'), fc.constantFrom('Mi', 'Gi'))
    .map(([n, unit]) => ({ text: `${n}${unit}`, value: Number(n) * BINARY[unit]! })),
  fc.tuple(fc.integer({ min: 1, max: 4096 }), fc.constantFrom('M', 'G', 'T'))
    .map(([n, unit]) => ({ text: `${n}${unit}`, value: n * DECIMAL[unit]! })),
  fc.integer({ min: 1 << 20, max: 2 ** 40 }).map((n) => ({ text: String(n), value: n })),
  fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 6, max: 12 }))
    .map(([n, e]) => ({ text: `${n}e${e}`, value: n * 10 ** e })),
);

/** A storage size from 100 MiB to 16 TiB. */
export const volumeSize = memoryAmount.filter((a) => a.value >= 100 * 2 ** 20 && a.value <= 2 ** 44).map((a) => a.text);

/** Container memory up to 256 GiB. */
export const containerMemory = memoryAmount.filter((a) => a.value <= 2 ** 38);

/** Request and limit of one resource, the limit never below the request, either may be absent. */
export function requestAndLimit(amount: fc.Arbitrary<Amount>): fc.Arbitrary<{ request?: string; limit?: string }> {
  return fc.tuple(fc.option(amount, { nil: undefined }), fc.option(amount, { nil: undefined })).map(([a, b]) => {
    if (a && b) {
      const [low, high] = a.value <= b.value ? [a, b] : [b, a];
      return { request: low.text, limit: high.text };
    }
    return { ...(a ? { request: a.text } : {}), ...(b ? { limit: b.text } : {}) };
  });
}

// ---- cron ----

function cronField(min: number, max: number): fc.Arbitrary<string> {
  const value = fc.integer({ min, max });
  const step = fc.integer({ min: 1, max: max - min + 1 });
  return fc.oneof(
    fc.constant('*'),
    step.map((s) => `*/${s}`),
    value.map(String),
    value.map((v) => (v < 10 ? `0${v}` : String(v))),
    fc.tuple(value, step).map(([v, s]) => `${v}/${s}`),
  );
}

/** Five fields as the CronJob controller parses them (robfig/cron standard parser, day of week 0–6). */
export const cronSchedule = fc.tuple(cronField(0, 59), cronField(0, 23), cronField(1, 31), cronField(1, 12), cronField(0, 6))
  .map((fields) => fields.join(' '));
