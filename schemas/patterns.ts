// Validation patterns taken from Zalando's postgresql CRD, so manifests accepted there are accepted here.

/**
 * Every Kubernetes quantity (hooks/quantity.ts parses the same language): a signed decimal number and one
 * binary, decimal or exponent suffix. Exponents have at most three digits (the API server wraps larger ones).
 */
export const QUANTITY = '^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\\d{1,3})?$';

/**
 * Memory and other byte quantities, Zalando's shape less what Kubernetes refuses: plain integers with an
 * optional exponent, or a number with a decimal or binary suffix (never `K`, and no exponent before a suffix).
 */
export const MEMORY_QUANTITY = '^(\\d+(e\\d{1,3})?|\\d+(\\.\\d+)?([EPTGM]i?|Ki))$';

/** CPU: millicores or a decimal with at most three fraction digits. */
export const CPU_QUANTITY = '^(\\d+m|\\d+(\\.\\d{1,3})?)$';

const IPV4_CIDR =
  '(\\d|[1-9]\\d|1\\d\\d|2[0-4]\\d|25[0-5])\\.(\\d|[1-9]\\d|1\\d\\d|2[0-4]\\d|25[0-5])\\.(\\d|[1-9]\\d|1\\d\\d|2[0-4]\\d|25[0-5])\\.(\\d|[1-9]\\d|1\\d\\d|2[0-4]\\d|25[0-5])\\/(\\d|[1-2]\\d|3[0-2])';
const IPV6_CIDR =
  '(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:))\\/(12[0-8]|1[01][0-9]|[1-9]?[0-9])';

/** An IPv4 or IPv6 network in CIDR notation. */
export const CIDR = `^(${IPV4_CIDR}|${IPV6_CIDR})$`;

/** A cron field of `*` or a number in the field's range (leading zeros allowed), with an optional positive step. */
const cronField = (range: string) => `(\\*|0*(${range}))(/0*[1-9]\\d{0,17})?`;

/**
 * Zalando's schedule shape (five fields of numbers, `*` and steps, separated by what RE2's `\s` matches) with each
 * number in its field's range, so the API server never refuses the CronJob (hooks/api-rules/cron.ts accepts
 * everything this accepts).
 */
export const CRON_SCHEDULE = `^${[cronField('[0-5]?\\d'), cronField('1?\\d|2[0-3]'), cronField('[1-9]|[12]\\d|3[01]'), cronField('[1-9]|1[0-2]'), cronField('[0-6]')].join('[\\t\\n\\f\\r ]+')}$`;

/** RFC 3339 date-time that must carry a numeric UTC offset (clone target time). */
export const RFC3339_WITH_OFFSET =
  '^([0-9]+)-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]|60)(\\.[0-9]+)?(([+-]([01][0-9]|2[0-3]):[0-5][0-9]))$';

/** `Sat:22:00-23:59` or `01:00-06:00` (UTC). */
export const MAINTENANCE_WINDOW =
  '^ *((Mon|Tue|Wed|Thu|Fri|Sat|Sun):(2[0-3]|[01]?\\d):([0-5]?\\d)|(2[0-3]|[01]?\\d):([0-5]?\\d))-((2[0-3]|[01]?\\d):([0-5]?\\d)|(2[0-3]|[01]?\\d):([0-5]?\\d)) *$';

export const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** DNS-1035 label (with at most 63 characters): what Kubernetes requires of Service names. */
export const DNS1035_LABEL = '^[a-z]([-a-z0-9]*[a-z0-9])?$';

/** DNS-1123 label (with at most 63 characters): container, volume and port names of Services. */
export const DNS1123_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

/** DNS-1123 subdomain (with at most 253 characters): names of most objects, storage and priority classes. */
export const DNS1123_SUBDOMAIN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';

/** A label value (with at most 63 characters), also the name part of a label or annotation key when not empty. */
export const LABEL_VALUE = '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$';

/** Environment variable names as the API server checks them since Kubernetes 1.32: printable ASCII except `=`. */
export const ENV_VAR_NAME = '^[ -<>-~]+$';

/** A volume subPath: relative, and no element is `..` (elements are split on `/`). */
const PATH_ELEMENT = '([^./][^/]*|\\.([^./][^/]*)?|\\.\\.[^/]+)';
export const RELATIVE_SUB_PATH = `^(${PATH_ELEMENT}(/${PATH_ELEMENT}?)*)?$`;

/** `pattern` or nothing, for optional names where an empty string means "not set". */
export function orEmpty(pattern: string): string {
  return `^$|${pattern}`;
}

/** Login role names accepted for manifest and infrastructure users (dot-separated for namespaced users). */
export const USERNAME = '^[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*$';

/** Database, schema and extension-schema names the operator will create. */
export const SQL_NAME = '^[a-zA-Z_][a-zA-Z0-9_]*$';

/** Extension names are the names of control files, and some contain "-" (`uuid-ossp`); the setup Job quotes them. */
export const EXTENSION_NAME = '^[a-zA-Z_][a-zA-Z0-9_-]*$';
