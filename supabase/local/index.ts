/** The local stack: Supabase's public APIs over PGlite or PostgreSQL, for supabase-js unchanged. */
export { loadConfig, isLoopback, ConfigError, type StackConfig } from './config.ts';
export { startStack, openDatabase, type Stack, type StartOptions } from './server.ts';
export { openPglite, openPostgres, type Database, type Sql, type RoleContext } from './db.ts';
export { migrate } from './migrate.ts';
export * from './keys.ts';
