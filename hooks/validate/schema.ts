// The parent checked against the postgresql schema (schemas/postgresql.ts), violations in plain words.
import { Compile } from 'typebox/compile';
import { PostgresSpec } from '../../schemas/postgresql.js';
import {
  CIDR, CPU_QUANTITY, CRON_SCHEDULE, DNS1123_LABEL, DNS1123_SUBDOMAIN, ENV_VAR_NAME, LABEL_VALUE, MAINTENANCE_WINDOW,
  MEMORY_QUANTITY, orEmpty, RELATIVE_SUB_PATH, RFC3339_WITH_OFFSET, UUID,
} from '../../schemas/patterns.js';
import type { Violation } from './violation.js';

const checkSpec = Compile(PostgresSpec);

const DNS_LABEL_RULE = 'a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit';
const CLASS_NAME_RULE = 'a DNS-1123 subdomain: lower-case letters, digits, "-" and ".", starting and ending with a letter or digit';

const PATTERN_NAMES: Record<string, string> = {
  [CPU_QUANTITY]: 'a CPU quantity such as 500m or 1.5',
  [MEMORY_QUANTITY]: 'a quantity such as 512Mi or 10Gi (binary suffixes Ki Mi Gi Ti Pi Ei or decimal k M G T P E; "K" is not a suffix)',
  [CIDR]: 'an IPv4 or IPv6 CIDR such as 10.0.0.0/8',
  [CRON_SCHEDULE]: 'a five-field cron schedule of numbers, "*" and steps, each number in its field\'s range (minute 0-59, hour 0-23, day 1-31, month 1-12, weekday 0-6), such as "30 00 * * *"',
  [RFC3339_WITH_OFFSET]: 'an RFC 3339 time with a numeric UTC offset such as 2024-01-31T12:00:00+00:00',
  [MAINTENANCE_WINDOW]: 'a window such as "Sat:22:00-23:59" or "01:00-06:00"',
  [UUID]: 'a UUID',
  [DNS1123_LABEL]: DNS_LABEL_RULE,
  [orEmpty(DNS1123_LABEL)]: `empty or ${DNS_LABEL_RULE}`,
  [orEmpty(DNS1123_SUBDOMAIN)]: `empty or ${CLASS_NAME_RULE}`,
  [LABEL_VALUE]: 'a label value: letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
  [ENV_VAR_NAME]: 'an environment variable name: printable ASCII characters other than "="',
  [RELATIVE_SUB_PATH]: 'a relative path without ".." elements',
};

function describe(error: { instancePath: string; message: string; keyword: string; params: unknown }): Violation {
  const path = ['spec', ...error.instancePath.split('/').filter(Boolean).map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))].join('.');
  const pattern = (error.params as { pattern?: string }).pattern;
  if (error.keyword === 'pattern' && pattern && PATTERN_NAMES[pattern]) return { path, message: `must be ${PATTERN_NAMES[pattern]}` };
  if (error.keyword === 'required') {
    const missing = (error.params as { requiredProperties?: string[] }).requiredProperties;
    if (missing?.length === 1) return { path: `${path}.${missing[0]}`, message: 'is required' };
  }
  return { path, message: error.message };
}

export function schemaViolations(spec: unknown): Violation[] {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return [{ path: 'spec', message: 'must be an object' }];
  const seen = new Set<string>();
  const violations: Violation[] = [];
  for (const error of checkSpec.Errors(spec)) {
    // The standby rule fails as one anyOf plus one required per member; say it once, plainly.
    if (error.keyword === 'anyOf' && error.instancePath.startsWith('/standby')) {
      violations.push({ path: 'spec.standby', message: 'needs s3_wal_path, gs_wal_path or standby_host' });
      continue;
    }
    if (error.keyword === 'not' && error.instancePath.startsWith('/standby')) {
      violations.push({ path: 'spec.standby', message: 's3_wal_path and gs_wal_path exclude each other' });
      continue;
    }
    if (error.instancePath.startsWith('/standby') && error.keyword === 'required') continue;
    // A nullable field fails as "must be null" plus "must match a schema in anyOf" beside the real reason.
    if ((error.keyword === 'type' && (error.params as { type?: string }).type === 'null') || error.keyword === 'anyOf') continue;
    const violation = describe(error as never);
    const key = `${violation.path}: ${violation.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      violations.push(violation);
    }
  }
  return violations;
}
