/**
 * Typed, validated configuration of the local stack, read once from the environment and from
 * the project's `supabase/config.toml` (the Supabase CLI's file; only `[api]` and
 * `[storage.image_transformation]` are read).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseToml, TomlError } from 'smol-toml';
import {
	DEFAULT_ANON_KEY,
	DEFAULT_JWT_SECRET,
	DEFAULT_PUBLISHABLE_KEY,
	DEFAULT_SECRET_KEY,
	DEFAULT_SERVICE_ROLE_KEY
} from './keys.ts';
import { signKey } from './jwt.ts';

/** What PostgREST serves, from `[api]` in `supabase/config.toml`. */
export interface ApiConfig {
	/** Exposed schemas; the first is the default for requests without a profile header. */
	schemas: string[];
	/** Put after a request's schema in its search path (PostgREST's `db-extra-search-path`). */
	extraSearchPath: string[];
	/** Largest number of rows a read or function call returns. */
	maxRows: number;
}

/** The Supabase CLI's defaults, which also hold when there is no config.toml. */
export const DEFAULT_API_CONFIG: Readonly<ApiConfig> = Object.freeze({
	schemas: ['public', 'graphql_public'],
	extraSearchPath: ['public', 'extensions'],
	maxRows: 1000
});

/** What Storage offers, from `[storage]` in `supabase/config.toml`. */
export interface StorageConfig {
	/**
	 * `[storage.image_transformation] enabled`: whether `/render/image/…` exists. As with the
	 * CLI, which starts imgproxy only then, it is off when the section is missing.
	 */
	imageTransformation: boolean;
}

/** The project's `supabase/` folder: `config.toml`, `migrations/` and `seed.sql`. */
export const PROJECT_SUPABASE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface StackConfig {
	host: string;
	port: number;
	/** Where PGlite keeps its files and storage keeps object bytes. */
	dataDir: string;
	/** When set, a real PostgreSQL is used instead of PGlite. */
	databaseUrl: string | undefined;
	/** PGlite's `shared_buffers` (`PARLEY_PGLITE_SHARED_BUFFERS`); unset: PGLITE_SHARED_BUFFERS. */
	pgliteSharedBuffers?: string;
	/**
	 * Whether PGlite (and the REST engine beside it) runs on a thread of its own
	 * (`PARLEY_PGLITE_THREAD`, default true); false runs it on the main thread.
	 */
	pgliteThread: boolean;
	jwtSecret: string;
	jwtExpirySeconds: number;
	anonKey: string;
	serviceRoleKey: string;
	/** Opaque keys that stand for the anon and service roles (sb_publishable_… / sb_secret_…). */
	publishableKey: string | undefined;
	secretKey: string | undefined;
	/** Largest request body any endpoint reads, in bytes (storage uploads have their own limit). */
	maxBodyBytes: number;
	/** Largest object storage accepts, in bytes. */
	maxUploadBytes: number;
	/** Public URL the stack is reached at, used for the `iss` claim and signed URLs. */
	publicUrl: string;
	/**
	 * Whether REST and Auth refuse a request that carries no `apikey` (401 "No API key found
	 * in request"), as the hosted platform does. The Supabase CLI's local gateway passes such
	 * requests through as `anon`, so this is off by default on loopback and on otherwise
	 * (PARLEY_STACK_REQUIRE_APIKEY overrides either way). A key that is sent must be valid.
	 */
	requireApiKey: boolean;
	/** The folder holding `config.toml`, `migrations/` and `seed.sql`. */
	supabaseDir: string;
	/** `[api]` of `config.toml`: exposed schemas, extra search path, max rows. */
	api: ApiConfig;
	/** `[storage]` of `config.toml`: image transformation on or off. */
	storage: StorageConfig;
}

export class ConfigError extends Error {
	override name = 'ConfigError';
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number) {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
	const value = Number(raw);
	if (value < min || value > max)
		throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
	return value;
}

/**
 * A memory size as Postgres writes it (`32MB`, `512kB`, `1GB`), between 128kB (Postgres's
 * least `shared_buffers`: 16 pages of 8 kB) and 1GB.
 */
function memoryFrom(env: NodeJS.ProcessEnv, name: string): string | undefined {
	const raw = env[name];
	if (raw === undefined || raw === '') return undefined;
	const match = /^(\d{1,7})(kB|MB|GB)$/.exec(raw);
	const kb = match ? Number(match[1]) * { kB: 1, MB: 1024, GB: 1024 * 1024 }[match[2]]! : NaN;
	if (!(kb >= 128 && kb <= 1024 * 1024))
		throw new ConfigError(
			`${name} must be a size from 128kB to 1GB written as Postgres writes it (such as 32MB), got "${raw}"`
		);
	return raw;
}

function boolFrom(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
	const raw = env[name];
	if (raw === undefined || raw === '') return undefined;
	if (/^(1|true|yes|on)$/i.test(raw)) return true;
	if (/^(0|false|no|off)$/i.test(raw)) return false;
	throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/** PostgreSQL's identifier limit (NAMEDATALEN - 1), in bytes. */
const MAX_NAME_BYTES = 63;

/**
 * Why a schema name cannot be used, or undefined. Any name Postgres accepts in quotes is
 * fine, except one PostgREST's comma-separated `db-schemas` setting could not carry.
 */
function badSchemaName(name: string): string | undefined {
	if (name.trim() === '') return 'is empty';
	if (name !== name.trim()) return 'has leading or trailing spaces';
	if (Buffer.byteLength(name) > MAX_NAME_BYTES) return `is longer than ${MAX_NAME_BYTES} bytes`;
	if (name.includes(',')) return 'contains a comma';
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f"]/.test(name)) return 'contains a control character or a double quote';
	return undefined;
}

function schemaList(
	file: string,
	key: string,
	value: unknown,
	fallback: readonly string[],
	allowEmpty: boolean
): string[] {
	if (value === undefined) return [...fallback];
	if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
		throw new ConfigError(
			`${file}: ${key} must be a list of schema names, like ["public", "graphql_public"]`
		);
	const names = value as string[];
	if (!allowEmpty && names.length === 0)
		throw new ConfigError(`${file}: ${key} must name at least one schema`);
	for (const name of names) {
		const why = badSchemaName(name);
		if (why) throw new ConfigError(`${file}: ${key} has a schema name that ${why}: "${name}"`);
	}
	const twice = names.find((n, i) => names.indexOf(n) !== i);
	if (twice !== undefined) throw new ConfigError(`${file}: ${key} names "${twice}" twice`);
	return names;
}

/** Parses `<supabaseDir>/config.toml`; a missing file reads as an empty document. */
async function readProjectFile(file: string): Promise<Record<string, unknown>> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
		throw new ConfigError(`${file}: cannot be read (${(err as Error).message})`);
	}
	try {
		return parseToml(text);
	} catch (err) {
		const where = err instanceof TomlError ? ` at line ${err.line}, column ${err.column}` : '';
		const first = (err as Error).message.split('\n')[0];
		throw new ConfigError(`${file}: is not valid TOML${where}: ${first}`);
	}
}

/** A TOML table at `key`, or `{}` when absent; anything else is a ConfigError. */
function tableAt(file: string, parent: Record<string, unknown>, key: string, name: string) {
	const value = parent[key] ?? {};
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		throw new ConfigError(`${file}: ${name} must be a table ([${name}])`);
	return value as Record<string, unknown>;
}

function apiConfigFrom(file: string, doc: Record<string, unknown>): ApiConfig {
	const section = tableAt(file, doc, 'api', 'api');
	const maxRows = section.max_rows ?? DEFAULT_API_CONFIG.maxRows;
	// smol-toml reads TOML integers as numbers (and refuses those beyond 2^53).
	if (typeof maxRows !== 'number' || !Number.isInteger(maxRows) || maxRows < 1)
		throw new ConfigError(`${file}: api.max_rows must be a whole number of at least 1`);
	return {
		schemas: schemaList(file, 'api.schemas', section.schemas, DEFAULT_API_CONFIG.schemas, false),
		extraSearchPath: schemaList(
			file,
			'api.extra_search_path',
			section.extra_search_path,
			DEFAULT_API_CONFIG.extraSearchPath,
			true
		),
		maxRows
	};
}

function storageConfigFrom(file: string, doc: Record<string, unknown>): StorageConfig {
	const storage = tableAt(file, doc, 'storage', 'storage');
	if (storage.image_transformation === undefined) return { imageTransformation: false };
	const section = tableAt(file, storage, 'image_transformation', 'storage.image_transformation');
	const enabled = section.enabled ?? false;
	if (typeof enabled !== 'boolean')
		throw new ConfigError(`${file}: storage.image_transformation.enabled must be true or false`);
	return { imageTransformation: enabled };
}

/**
 * Reads `<supabaseDir>/config.toml` as the Supabase CLI does: `[api]` (`schemas`,
 * `extra_search_path`, `max_rows`, each defaulting to the CLI's value) and
 * `[storage.image_transformation] enabled`. A missing file means all defaults; other sections
 * and keys are ignored. Throws ConfigError naming the file and key for TOML that does not
 * parse or a value of the wrong kind.
 */
export async function readProjectConfig(
	supabaseDir: string
): Promise<{ api: ApiConfig; storage: StorageConfig }> {
	const file = join(supabaseDir, 'config.toml');
	const doc = await readProjectFile(file);
	return { api: apiConfigFrom(file, doc), storage: storageConfigFrom(file, doc) };
}

/** `[api]` of `<supabaseDir>/config.toml` (see readProjectConfig). */
export async function readApiConfig(supabaseDir: string): Promise<ApiConfig> {
	return (await readProjectConfig(supabaseDir)).api;
}

/** True when a host string names only this machine. */
export function isLoopback(host: string): boolean {
	return LOOPBACK.test(host.replace(/^\[|\]$/g, ''));
}

/**
 * Reads the stack's configuration. Throws ConfigError with a message a person can act on
 * for any value that is malformed, or for a public address guarded by the well-known secret.
 */
export async function loadConfig(
	env: NodeJS.ProcessEnv = process.env,
	overrides: Partial<StackConfig> = {}
): Promise<StackConfig> {
	const host = overrides.host ?? env.PARLEY_STACK_HOST ?? '127.0.0.1';
	const port = overrides.port ?? intFrom(env, 'PARLEY_STACK_PORT', 54321, 0, 65535);
	const jwtSecret = overrides.jwtSecret ?? env.SUPABASE_JWT_SECRET ?? DEFAULT_JWT_SECRET;
	if (jwtSecret.length < 32)
		throw new ConfigError('SUPABASE_JWT_SECRET must be at least 32 characters long');
	const usesDefaultSecret = jwtSecret === DEFAULT_JWT_SECRET;
	if (usesDefaultSecret && !isLoopback(host))
		throw new ConfigError(
			`Refusing to listen on ${host} with the well-known local JWT secret: anyone could forge ` +
				'a service-role key. Set SUPABASE_JWT_SECRET to a secret of your own, or listen on 127.0.0.1.'
		);
	const databaseUrl = overrides.databaseUrl ?? (env.DATABASE_URL || undefined);
	if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
		throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');

	const jwtExpirySeconds =
		overrides.jwtExpirySeconds ?? intFrom(env, 'PARLEY_JWT_EXPIRY_SECONDS', 3600, 30, 604800);
	const anonKey =
		overrides.anonKey ?? (usesDefaultSecret ? DEFAULT_ANON_KEY : await signKey(jwtSecret, 'anon'));
	const serviceRoleKey =
		overrides.serviceRoleKey ??
		(usesDefaultSecret ? DEFAULT_SERVICE_ROLE_KEY : await signKey(jwtSecret, 'service_role'));
	const displayHost = host.includes(':') ? `[${host}]` : host;
	const supabaseDir = resolve(overrides.supabaseDir ?? PROJECT_SUPABASE_DIR);
	const project =
		overrides.api && overrides.storage ? undefined : await readProjectConfig(supabaseDir);
	const api = overrides.api ?? project!.api;
	const storage = overrides.storage ?? project!.storage;
	return {
		host,
		port,
		dataDir: resolve(overrides.dataDir ?? env.PARLEY_DATA_DIR ?? '.data'),
		databaseUrl,
		pgliteSharedBuffers:
			overrides.pgliteSharedBuffers ?? memoryFrom(env, 'PARLEY_PGLITE_SHARED_BUFFERS'),
		pgliteThread: overrides.pgliteThread ?? boolFrom(env, 'PARLEY_PGLITE_THREAD') ?? true,
		jwtSecret,
		jwtExpirySeconds,
		anonKey,
		serviceRoleKey,
		publishableKey:
			overrides.publishableKey ?? (usesDefaultSecret ? DEFAULT_PUBLISHABLE_KEY : undefined),
		secretKey: overrides.secretKey ?? (usesDefaultSecret ? DEFAULT_SECRET_KEY : undefined),
		maxBodyBytes:
			overrides.maxBodyBytes ?? intFrom(env, 'PARLEY_MAX_BODY_BYTES', 1048576 * 2, 1024, 1 << 30),
		maxUploadBytes:
			overrides.maxUploadBytes ?? intFrom(env, 'PARLEY_MAX_UPLOAD_BYTES', 52428800, 1, 1 << 30),
		publicUrl:
			overrides.publicUrl ?? env.PARLEY_STACK_PUBLIC_URL ?? `http://${displayHost}:${port}`,
		requireApiKey:
			overrides.requireApiKey ?? boolFrom(env, 'PARLEY_STACK_REQUIRE_APIKEY') ?? !isLoopback(host),
		supabaseDir,
		api,
		storage
	};
}
