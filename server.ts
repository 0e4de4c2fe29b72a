// Entry point: load the configuration (the built-in defaults unless OPERATOR_CONFIG names a file),
// then serve the hooks. A bad configuration stops the process with every problem listed.
import { pino } from 'pino';
import { buildApp, DEFAULT_ANSWER_CACHE_MIB, DEFAULT_BODY_LIMIT } from './hooks/app.js';
import { ConfigError, defaultConfig, loadConfigFile, type LoadedConfig } from './hooks/config.js';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'postgres-metacontroller' } });

async function configuration(): Promise<LoadedConfig> {
  const path = process.env.OPERATOR_CONFIG;
  if (!path) return { config: defaultConfig(), withoutEffect: [] };
  return loadConfigFile(path);
}

function integer(name: string, fallback: number, least: 0 | 1): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < least) throw new ConfigError([`${name}: "${text}" is not ${least === 1 ? 'a positive' : 'a non-negative'} integer`]);
  return value;
}

async function main(): Promise<void> {
  let loaded: LoadedConfig;
  let port: number;
  let bodyLimit: number;
  let answerCacheMiB: number;
  try {
    loaded = await configuration();
    port = integer('PORT', 8080, 1);
    bodyLimit = integer('BODY_LIMIT', DEFAULT_BODY_LIMIT, 1);
    answerCacheMiB = integer('ANSWER_CACHE_MIB', DEFAULT_ANSWER_CACHE_MIB, 0);
  } catch (error) {
    logger.fatal({ problems: (error as ConfigError).problems }, (error as Error).message);
    process.exit(1);
  }
  if (loaded.withoutEffect.length > 0) logger.warn({ options: loaded.withoutEffect }, 'these Zalando options are accepted but have no effect here');
  const { app, setReady } = buildApp({ config: loaded.config, logger, bodyLimit, answerCacheMiB });
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    setReady(false);
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port, host: process.env.HOST ?? '0.0.0.0' });
  logger.info({ port, configFile: process.env.OPERATOR_CONFIG ?? '(built-in defaults)' }, 'serving Metacontroller hooks');
}

await main();
