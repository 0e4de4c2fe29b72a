// Quoting for everything the setup command puts into SQL text. Names are refused, not mangled, when
// PostgreSQL would silently change them (too long) or cannot store them (NUL).
const MAX_IDENTIFIER_BYTES = 63;

export class UnsafeNameError extends Error {}

export function checkName(name: string): void {
  if (name.length === 0) throw new UnsafeNameError('an empty name cannot be used');
  if (name.includes('\0')) throw new UnsafeNameError(`name ${JSON.stringify(name)} contains a NUL character`);
  if (Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES) {
    throw new UnsafeNameError(`name ${JSON.stringify(name)} is longer than ${MAX_IDENTIFIER_BYTES} bytes; PostgreSQL would truncate it`);
  }
}

/** A quoted identifier: always quoted, so case, spaces and keywords survive as written. */
export function ident(name: string): string {
  checkName(name);
  return `"${name.replaceAll('"', '""')}"`;
}

/** A string literal that does not depend on standard_conforming_strings. */
export function literal(value: string): string {
  if (value.includes('\0')) throw new UnsafeNameError('a value contains a NUL character');
  const quoted = `'${value.replaceAll("'", "''")}'`;
  return value.includes('\\') ? `E${quoted.replaceAll('\\', '\\\\')}` : quoted;
}

export function identList(names: string[]): string {
  return names.map(ident).join(', ');
}

/** Splits a list setting such as search_path (`"$user", data`) into its unquoted elements. */
export function parseIdentList(text: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  let sawQuote = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { current += '"'; i += 1; } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') { quoted = true; sawQuote = true; } else if (c === ',') {
      items.push(sawQuote ? current : current.trim());
      current = ''; sawQuote = false;
    } else if (!/\s/.test(c)) current += sawQuote ? c : c.toLowerCase();
  }
  if (current !== '' || sawQuote || items.length > 0) items.push(sawQuote ? current : current.trim());
  return items;
}
