// A subset of the operator configuration: the options that change names, Secret contents and
// workload behaviour the most. Everything else keeps the built-in defaults.
import fc from 'fast-check';
import type { OperatorConfig } from '../../schemas/config.js';

export const SECRET_NAME_TEMPLATES = [
  '{username}.{cluster}.credentials.{tprkind}.{tprgroup}',
  '{username}.{cluster}.credentials',
  '{cluster}-{username}-secret',
];

export const operatorConfig: fc.Arbitrary<Partial<OperatorConfig>> = fc.record({
  secret_name_template: fc.constantFrom(...SECRET_NAME_TEMPLATES),
  enable_connection_secret_keys: fc.boolean(),
  pod_management_policy: fc.constantFrom('ordered_ready' as const, 'parallel' as const),
  statefulset_update_strategy: fc.constantFrom('RollingUpdate' as const, 'OnDelete' as const),
  enable_password_rotation: fc.boolean(),
  kubernetes_use_configmaps: fc.boolean(),
  enable_master_load_balancer: fc.boolean(),
}, { requiredKeys: [] });
