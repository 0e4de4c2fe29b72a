// Role attribute flags as Zalando normalises manifest user flags.

/** Upper-cased, de-duplicated, NOLOGIN removed, LOGIN added unless LOGIN or NOLOGIN was asked for, sorted. */
export function normalizeFlags(flags: readonly string[] | null | undefined): string[] {
  const upper = [...new Set((flags ?? []).map((f) => f.toUpperCase()))];
  const result = upper.filter((f) => f !== 'NOLOGIN');
  if (!upper.includes('LOGIN') && !upper.includes('NOLOGIN')) result.push('LOGIN');
  return result.sort();
}
