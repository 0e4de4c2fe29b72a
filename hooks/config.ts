// Loads the operator configuration from the file named by OPERATOR_CONFIG, accepting the three
// shapes existing Zalando users have: an OperatorConfiguration object, the operator ConfigMap
// (`data:` of strings) or a plain map of options.
import { readFile } from 'node:fs/promises';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { parse as parseYaml } from 'yaml';
import { ACCEPTED_WITHOUT_EFFECT, OperatorConfig, optionSchema } from '../schemas/config.js';
import { parseWindows } from './maintenance-windows.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid operator configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const OPERATOR_CONFIGURATION_GROUPS = new Set([
  'users', 'major_version_upgrade', 'kubernetes', 'postgres_pod_resources', 'timeouts', 'load_balancer',
  'aws_or_gcp', 'debug', 'teams_api', 'logging_rest_api', 'scalyr', 'logical_backup', 'connection_pooler', 'patroni',
]);

const checkConfig = Compile(OperatorConfig);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseBool(text: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  throw new Error(`"${text}" is not a boolean`);
}

/**
 * Splits on commas that are not inside quotes: double quotes for lists, double or single quotes for maps
 * (as Zalando's map decoder, so `search_path:'data,public'` in `team_api_role_configuration` is one item).
 */
function splitTopLevel(text: string, quotes = '"'): string[] {
  const parts: string[] = [];
  let current = '';
  let open: string | undefined;
  for (const char of text) {
    if (quotes.includes(char) && (open === undefined || open === char)) open = open === undefined ? char : undefined;
    if (char === ',' && open === undefined) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function parseMap(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of splitTopLevel(text, '"\'')) {
    const separator = pair.indexOf(':');
    if (separator <= 0) throw new Error(`"${pair}" is not a key:value pair`);
    map[pair.slice(0, separator).trim().replaceAll('"', '')] = pair.slice(separator + 1).trim().replaceAll('"', '');
  }
  return map;
}

function schemaKind(schema: TSchema): string {
  const plain = schema as { type?: string; items?: { type?: string }; patternProperties?: unknown; enum?: unknown };
  if (plain.type === 'array') return plain.items?.type === 'string' ? 'list' : 'objects';
  if (plain.type === 'object') return plain.patternProperties ? 'map' : 'object';
  return plain.type ?? (plain.enum ? 'string' : 'unknown');
}

/** Converts one ConfigMap string value to the option's type. */
function fromString(key: string, text: string, schema: TSchema): unknown {
  switch (schemaKind(schema)) {
    case 'boolean': return text === '' ? false : parseBool(text.trim());
    case 'integer': {
      if (!/^-?\d+$/.test(text.trim())) throw new Error(`"${text}" is not an integer`);
      return Number.parseInt(text, 10);
    }
    case 'list': return splitTopLevel(text);
    case 'map': return parseMap(text);
    case 'objects':
      if (key === 'infrastructure_roles_secrets') return text.trim() === '' ? [] : [parseMap(text)];
      return text.trim() === '' ? [] : parseYaml(text);
    case 'object': return text.trim() === '' ? undefined : parseYaml(text);
    default: return text;
  }
}

function flattenOperatorConfiguration(configuration: Record<string, unknown>): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(configuration)) {
    if (OPERATOR_CONFIGURATION_GROUPS.has(key) && isRecord(value)) Object.assign(flat, value);
    else flat[key] = value;
  }
  return flat;
}

interface Options { options: Record<string, unknown>; stringValues: boolean }

function optionsOf(document: unknown): Options {
  if (document === null || document === undefined) return { options: {}, stringValues: false };
  if (!isRecord(document)) throw new ConfigError(['the configuration must be a map of options']);
  if (document.kind === 'OperatorConfiguration') {
    if (!isRecord(document.configuration)) throw new ConfigError(['configuration: an OperatorConfiguration needs a configuration map']);
    return { options: flattenOperatorConfiguration(document.configuration), stringValues: false };
  }
  if (document.kind === 'ConfigMap') {
    if (document.data === undefined) return { options: {}, stringValues: true };
    if (!isRecord(document.data)) throw new ConfigError(['data: a ConfigMap needs a data map']);
    return { options: document.data, stringValues: true };
  }
  return { options: document, stringValues: false };
}

export interface LoadedConfig { config: OperatorConfig; withoutEffect: string[] }

export function parseConfig(document: unknown): LoadedConfig {
  const { options, stringValues } = optionsOf(document);
  const problems: string[] = [];
  const withoutEffect: string[] = [];
  const typed: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(options)) {
    const schema = optionSchema(key);
    if (!schema) {
      if (ACCEPTED_WITHOUT_EFFECT.has(key)) withoutEffect.push(key);
      else problems.push(`${key}: unknown option`);
      continue;
    }
    if (typeof raw !== 'string' || schemaKind(schema) === 'string') {
      if (stringValues && typeof raw !== 'string') problems.push(`${key}: a ConfigMap value must be a string`);
      else if (raw !== null) typed[key] = raw;
      continue;
    }
    try {
      const value = fromString(key, raw, schema);
      if (value !== undefined) typed[key] = value;
    } catch (error) {
      problems.push(`${key}: ${(error as Error).message}`);
    }
  }
  const config = Value.Default(OperatorConfig, typed) as Record<string, unknown>;
  for (const error of checkConfig.Errors(config)) {
    const key = error.instancePath.split('/').filter(Boolean).join('.') || '(root)';
    problems.push(`${key}: ${error.message}`);
  }
  problems.push(...crossChecks(config as OperatorConfig));
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  return { config: config as OperatorConfig, withoutEffect: withoutEffect.sort() };
}

function crossChecks(config: OperatorConfig): string[] {
  const problems: string[] = [];
  if (config.min_instances > 0 && config.max_instances > 0 && config.min_instances > config.max_instances) {
    problems.push(`min_instances: ${config.min_instances} is greater than max_instances ${config.max_instances}`);
  }
  if (config.connection_pooler_user === config.super_username) {
    problems.push(`connection_pooler_user: must differ from super_username "${config.super_username}"`);
  }
  if (config.super_username === config.replication_username) {
    problems.push(`replication_username: must differ from super_username "${config.super_username}"`);
  }
  if (config.pod_environment_configmap !== undefined && config.pod_environment_configmap.split('/').length > 2) {
    problems.push('pod_environment_configmap: expected "name" or "namespace/name"');
  }
  // Zalando's operator logs and skips such a window; refused here, as a skipped one would silently move when upgrades start.
  for (const problem of parseWindows(config.maintenance_windows).problems) {
    problems.push(`maintenance_windows: ${JSON.stringify(problem.text)}: ${problem.reason}`);
  }
  return problems;
}

export function defaultConfig(): OperatorConfig {
  return parseConfig({}).config;
}

export async function loadConfigFile(path: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`OPERATOR_CONFIG: cannot read ${path}: ${(error as Error).message}`]);
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new ConfigError([`OPERATOR_CONFIG: ${path} is neither YAML nor JSON: ${(error as Error).message}`]);
  }
  return parseConfig(document);
}

