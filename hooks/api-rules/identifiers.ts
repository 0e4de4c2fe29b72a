// The API server's rules for names, keys, ports and numbers (kubernetes/apimachinery
// pkg/util/validation and pkg/api/validate/content, kubernetes pkg/apis/core/validation).
// Each check returns the reasons a value is refused; an empty list means the API server accepts it.
// The regular expressions are the ones the CRD uses (schemas/patterns.ts), so both say the same.
import {
  DNS1035_LABEL as DNS1035_LABEL_PATTERN, DNS1123_LABEL as DNS1123_LABEL_PATTERN,
  DNS1123_SUBDOMAIN as DNS1123_SUBDOMAIN_PATTERN, ENV_VAR_NAME as ENV_VAR_NAME_PATTERN, LABEL_VALUE as LABEL_VALUE_PATTERN,
} from '../../schemas/patterns.js';

export const DNS1123_LABEL_MAX_LENGTH = 63;
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
export const LABEL_VALUE_MAX_LENGTH = 63;
export const PORT_NAME_MAX_LENGTH = 15;
export const INT32_MAX = 2 ** 31 - 1;
export const INT32_MIN = -(2 ** 31);
/** Keys and values of one object's annotations together, in bytes. */
export const ANNOTATIONS_MAX_BYTES = 256 * 1024;

const DNS1123_LABEL = new RegExp(DNS1123_LABEL_PATTERN);
const DNS1123_SUBDOMAIN = new RegExp(DNS1123_SUBDOMAIN_PATTERN);
const DNS1035_LABEL = new RegExp(DNS1035_LABEL_PATTERN);
/** Label values, and label keys' name part when not empty: alphanumeric at both ends, `-`, `_`, `.` inside. */
const LABEL_VALUE = new RegExp(LABEL_VALUE_PATTERN);
/** The relaxed rule, on by default since Kubernetes 1.32 and GA in 1.34 (older servers also refuse a leading digit). */
const ENV_VAR_NAME = new RegExp(ENV_VAR_NAME_PATTERN);
/** Go's unicode.IsSpace, which strings.Fields and strings.TrimSpace use (JavaScript's \\s differs in U+0085 and U+FEFF). */
export const GO_SPACE_CLASS = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const PADDED = new RegExp(`^${GO_SPACE_CLASS}|${GO_SPACE_CLASS}$`);
const PORT_NAME_CHARACTERS = /^[-a-z0-9]+$/;
const LETTER = /[a-z]/;
const DATA_KEY = /^[-._a-zA-Z0-9]+$/;

/** Strings longer than any name or key these rules accept are checked every time, not remembered. */
const REMEMBERED_LENGTH = DNS1123_SUBDOMAIN_MAX_LENGTH;
const REMEMBERED_VALUES = 1024;

/**
 * The rule with its verdicts remembered (up to REMEMBERED_VALUES values, then forgotten at once): every
 * answer checks the same labels, Secret names, data keys and variable names again, and the regular
 * expressions cost more than a lookup. The reasons are shared, hence frozen.
 */
function remembered(rule: (value: string) => string[]): (value: string) => readonly string[] {
  const verdicts = new Map<string, readonly string[]>();
  return (value) => {
    if (value.length > REMEMBERED_LENGTH) return rule(value);
    let reasons = verdicts.get(value);
    if (reasons === undefined) {
      if (verdicts.size === REMEMBERED_VALUES) verdicts.clear();
      reasons = Object.freeze(rule(value));
      verdicts.set(value, reasons);
    }
    return reasons;
  };
}

function tooLong(value: string, max: number): string[] {
  return value.length > max ? [`must be no more than ${max} characters (it has ${value.length})`] : [];
}

function dns1123LabelReasons(value: string): string[] {
  const reasons = tooLong(value, DNS1123_LABEL_MAX_LENGTH);
  if (!DNS1123_LABEL.test(value)) {
    reasons.push(DNS1123_SUBDOMAIN.test(value)
      ? 'must not contain dots'
      : 'must consist of lower-case letters, digits and "-", and start and end with a letter or digit (an RFC 1123 label)');
  }
  return reasons;
}
export const dns1123Label = remembered(dns1123LabelReasons);

function dns1123SubdomainReasons(value: string): string[] {
  const reasons = tooLong(value, DNS1123_SUBDOMAIN_MAX_LENGTH);
  if (!DNS1123_SUBDOMAIN.test(value)) {
    reasons.push('must consist of lower-case letters, digits, "-" and ".", and start and end with a letter or digit (an RFC 1123 subdomain)');
  }
  return reasons;
}
export const dns1123Subdomain = remembered(dns1123SubdomainReasons);

function dns1035LabelReasons(value: string): string[] {
  const reasons = tooLong(value, DNS1123_LABEL_MAX_LENGTH);
  if (!DNS1035_LABEL.test(value)) {
    reasons.push('must consist of lower-case letters, digits and "-", start with a letter and end with a letter or digit (an RFC 1035 label)');
  }
  return reasons;
}
export const dns1035Label = remembered(dns1035LabelReasons);

function labelValueReasons(value: string): string[] {
  const reasons = tooLong(value, LABEL_VALUE_MAX_LENGTH);
  if (!LABEL_VALUE.test(value)) {
    reasons.push('must be empty or consist of letters, digits, "-", "_" and ".", and start and end with a letter or digit');
  }
  return reasons;
}
export const labelValue = remembered(labelValueReasons);

/** Label and annotation keys: an optional DNS-1123 subdomain prefix and "/", then a name of at most 63 characters. */
function qualifiedNameReasons(value: string): string[] {
  const slash = value.indexOf('/');
  if (slash !== -1 && value.includes('/', slash + 1)) return ['must be a name with an optional DNS subdomain prefix and one "/" (such as "example.com/my-name")'];
  const reasons: string[] = [];
  if (slash !== -1) {
    const prefix = value.slice(0, slash);
    if (prefix === '') reasons.push('prefix part must not be empty');
    else for (const reason of dns1123Subdomain(prefix)) reasons.push(`prefix part ${reason}`);
  }
  const name = slash === -1 ? value : value.slice(slash + 1);
  if (name === '') reasons.push('name part must not be empty');
  else {
    for (const reason of tooLong(name, DNS1123_LABEL_MAX_LENGTH)) reasons.push(`name part ${reason}`);
    if (!LABEL_VALUE.test(name)) reasons.push('name part must consist of letters, digits, "-", "_" and ".", and start and end with a letter or digit');
  }
  return reasons;
}
export const qualifiedName = remembered(qualifiedNameReasons);

/** Annotation keys are qualified names in any letter case. */
export function annotationKey(value: string): readonly string[] {
  return qualifiedName(value.toLowerCase());
}

export function annotationsSize(annotations: Record<string, string>): string[] {
  const bytes = Object.entries(annotations).reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(value), 0);
  return bytes > ANNOTATIONS_MAX_BYTES ? [`must not exceed ${ANNOTATIONS_MAX_BYTES} bytes of keys and values together (they have ${bytes})`] : [];
}

function envVarNameReasons(value: string): string[] {
  if (value === '') return ['must not be empty'];
  return ENV_VAR_NAME.test(value) ? [] : ['must consist only of printable ASCII characters other than "="'];
}
export const envVarName = remembered(envVarNameReasons);

/** An integer the API server stores in an int32 field. */
export function int32(value: number): string[] {
  return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX ? [] : [`must be an integer between ${INT32_MIN} and ${INT32_MAX}`];
}

/** User and group ids of a pod's security context. */
export function unixId(value: number): string[] {
  return Number.isInteger(value) && value >= 0 && value <= INT32_MAX ? [] : [`must be between 0 and ${INT32_MAX}, inclusive`];
}

export function portNumber(value: number): string[] {
  return Number.isInteger(value) && value >= 1 && value <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** IANA_SVC_NAME (RFC 6335), lower case only. */
function portNameReasons(value: string): string[] {
  const reasons = tooLong(value, PORT_NAME_MAX_LENGTH);
  if (!PORT_NAME_CHARACTERS.test(value)) reasons.push('must contain only lower-case letters, digits and "-"');
  if (!LETTER.test(value)) reasons.push('must contain at least one letter (a-z)');
  if (value.includes('--')) reasons.push('must not contain consecutive hyphens');
  if (value.startsWith('-') || value.endsWith('-')) reasons.push('must not begin or end with a hyphen');
  return reasons;
}
export const portName = remembered(portNameReasons);

/** A container image reference, as far as the API server checks it. */
export function containerImage(value: string): string[] {
  if (value === '') return ['must not be empty'];
  return PADDED.test(value) ? ['must not have leading or trailing whitespace'] : [];
}

function notDirectoryChange(value: string): string[] {
  if (value === '.' || value === '..') return [`must not be "${value}"`];
  return value.startsWith('..') ? ['must not start with ".."'] : [];
}

/** Keys of Secret and ConfigMap data. */
function dataKeyReasons(value: string): string[] {
  const reasons = tooLong(value, DNS1123_SUBDOMAIN_MAX_LENGTH);
  if (!DATA_KEY.test(value)) reasons.push('must consist of letters, digits, "-", "_" and "."');
  reasons.push(...notDirectoryChange(value));
  return reasons;
}
export const dataKey = remembered(dataKeyReasons);

/** Volume mount subPath (and subPathExpr): a path inside the volume. */
function relativeSubPathReasons(value: string): string[] {
  const reasons: string[] = [];
  if (value.startsWith('/')) reasons.push('must be a relative path');
  if (value.split('/').includes('..')) reasons.push('must not contain ".."');
  return reasons;
}
export const relativeSubPath = remembered(relativeSubPathReasons);
