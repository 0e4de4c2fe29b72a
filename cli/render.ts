// `render`: what the sync hook answers for a new cluster, offline. Passwords the hook would generate are
// shown as placeholders unless asked for: each generated password is a marker, and every Secret value
// holding it is shown decoded (as `stringData`) with `<generated>` in its place.
import type { RandomSource } from '../hooks/random.js';
import type { KubeObject } from '../schemas/hook.js';

export const GENERATED = '<generated>';
/** Only letters and digits, like a real password, so it survives every place a password is put into. */
const MARKER = 'PGMCGENERATEDPASSWORDPLACEHOLDER';

export const placeholderRandom: RandomSource = { password: () => MARKER };

/** Secrets with generated values shown as placeholders; every other object unchanged. */
export function maskGenerated(children: KubeObject[]): KubeObject[] {
  return children.map((child) => {
    const data = child.kind === 'Secret' ? (child.data as Record<string, string> | undefined) : undefined;
    if (!data) return child;
    const kept: Record<string, string> = {};
    const shown: Record<string, string> = {};
    for (const [key, value] of Object.entries(data)) {
      const text = Buffer.from(value, 'base64').toString('utf8');
      if (text.includes(MARKER)) shown[key] = text.replaceAll(MARKER, GENERATED);
      else kept[key] = value;
    }
    if (Object.keys(shown).length === 0) return child;
    const { data: _data, ...rest } = child;
    return { ...rest, ...(Object.keys(kept).length > 0 ? { data: kept } : {}), stringData: shown } as KubeObject;
  });
}
