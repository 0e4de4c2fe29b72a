import fc from 'fast-check';
import t from 'tap';
import { b64, unb64 } from './base64.js';

const viaBuffer = {
  b64: (text: string) => Buffer.from(text, 'utf8').toString('base64'),
  unb64: (text: string) => Buffer.from(text, 'base64').toString('utf8'),
};
const options = { seed: 20261122, numRuns: 3_000 };

t.test('encodes as UTF-8 base64, ASCII or not', async (t) => {
  t.equal(b64('postgres'), 'cG9zdGdyZXM=');
  t.equal(b64('pässwörd✓'), viaBuffer.b64('pässwörd✓'));
  fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (text) => b64(text) === viaBuffer.b64(text)), options);
});

t.test('decodes what the API server writes back to the same text', async (t) => {
  fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' })), (text) => unb64(b64(text)) === text), options);
  t.equal(unb64(undefined), undefined);
});

t.test('decodes anything exactly as Buffer does, including what atob refuses or reads as Latin-1', async (t) => {
  t.equal(unb64('/w=='), viaBuffer.unb64('/w=='), 'a byte that is not UTF-8');
  t.equal(unb64('w6Q='), 'ä', 'UTF-8 beyond ASCII');
  t.equal(unb64('cG9z-_dA'), viaBuffer.unb64('cG9z-_dA'), 'the URL-safe alphabet');
  t.equal(unb64('cG9z dGdy\nZXM='), 'postgres', 'whitespace');
  t.equal(unb64('cG9zdGdyZXM'), 'postgres', 'no padding');
  const base64ish = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \n*'.split('')) });
  fc.assert(fc.property(fc.oneof(base64ish, fc.base64String(), fc.string()), (text) => unb64(text) === viaBuffer.unb64(text)), options);
});
