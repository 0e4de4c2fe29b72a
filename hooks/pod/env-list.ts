// An ordered container environment with Zalando's two ways of adding to it: `add` appends as is
// (duplicates allowed), `addIfAbsent` skips a name already present, compared case-insensitively.
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';

export type EnvVar = IEnvVar;

export function literal(name: string, value: string): EnvVar {
  return { name, value };
}

export function fromSecret(name: string, secret: string, key: string): EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}

export function fromField(name: string, fieldPath: string): EnvVar {
  // apiVersion is spelled out: Metacontroller would otherwise see the server default as drift.
  return { name, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } };
}

export class EnvList {
  private readonly vars: EnvVar[] = [];
  private readonly names = new Set<string>();

  add(...vars: EnvVar[]): this {
    for (const v of vars) {
      this.vars.push(v);
      this.names.add(v.name.toLowerCase());
    }
    return this;
  }

  addIfAbsent(...vars: EnvVar[]): this {
    for (const v of vars) if (!this.names.has(v.name.toLowerCase())) this.add(v);
    return this;
  }

  toArray(): EnvVar[] {
    return this.vars.map((v) => withoutEmptyValue(v));
  }
}

/** An empty `value` is dropped by the API server and would look like drift forever. */
function withoutEmptyValue(v: EnvVar): EnvVar {
  if (v.value === '' && v.valueFrom === undefined) return { name: v.name };
  return v;
}
