// A problem of the parent, with the field path it belongs to.

export interface Violation { path: string; message: string }

/** One violation per reason a rule gives for `value` at `path`; the value is quoted so the reader sees what was refused. */
export function refused(path: string, value: string, reasons: readonly string[]): Violation[] {
  return reasons.map((reason) => ({ path, message: `${JSON.stringify(value)} ${reason}` }));
}

/** Each name that occurs more than once, with the indexes after the first. */
export function duplicates(names: Array<string | undefined>): Array<{ name: string; index: number }> {
  const seen = new Set<string>();
  const repeated: Array<{ name: string; index: number }> = [];
  names.forEach((name, index) => {
    if (name === undefined) return;
    if (seen.has(name)) repeated.push({ name, index });
    seen.add(name);
  });
  return repeated;
}
