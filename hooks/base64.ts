// Secret data is base64 in the API; these keep the encoding in one place. Nearly every value (names,
// hosts, URIs, generated passwords) is ASCII, whose UTF-8 bytes are its Latin-1 bytes: btoa and atob
// encode those without a Buffer per value, several times faster. Anything else takes the Buffer path.
const ASCII = /^[\x00-\x7f]*$/;

export function b64(text: string): string {
  return ASCII.test(text) ? btoa(text) : Buffer.from(text, 'utf8').toString('base64');
}

export function unb64(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let decoded: string | undefined;
  try {
    decoded = atob(text);
  } catch {
    // atob refuses what Buffer forgives (the URL-safe alphabet, stray characters); Buffer decides those.
  }
  return decoded !== undefined && ASCII.test(decoded) ? decoded : Buffer.from(text, 'base64').toString('utf8');
}
