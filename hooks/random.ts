// Password generation. The source is an input of the hooks (like the clock), so tests can replay a
// call exactly; production uses the operating system's cryptographic generator.
import { randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const PASSWORD_LENGTH = 64;

export interface RandomSource { password(): string }

export const cryptoRandom: RandomSource = {
  password: () => Array.from({ length: PASSWORD_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
};

/** A repeatable generator for tests and benchmarks: not for real passwords. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state;
  };
  return { password: () => Array.from({ length: PASSWORD_LENGTH }, () => ALPHABET[next() % ALPHABET.length]).join('') };
}
