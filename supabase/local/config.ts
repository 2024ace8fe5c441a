/** Typed, validated configuration of the local stack, read from the environment once. */
import { resolve } from 'node:path';
import {
	DEFAULT_ANON_KEY,
	DEFAULT_JWT_SECRET,
	DEFAULT_PUBLISHABLE_KEY,
	DEFAULT_SECRET_KEY,
	DEFAULT_SERVICE_ROLE_KEY
} from './keys.ts';
import { signKey } from './jwt.ts';

export interface StackConfig {
	host: string;
	port: number;
	/** Where PGlite keeps its files and storage keeps object bytes. */
	dataDir: string;
	/** When set, a real PostgreSQL is used instead of PGlite. */
	databaseUrl: string | undefined;
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

function boolFrom(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
	const raw = env[name];
	if (raw === undefined || raw === '') return undefined;
	if (/^(1|true|yes|on)$/i.test(raw)) return true;
	if (/^(0|false|no|off)$/i.test(raw)) return false;
	throw new ConfigError(`${name} must be true or false, got "${raw}"`);
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
	return {
		host,
		port,
		dataDir: resolve(overrides.dataDir ?? env.PARLEY_DATA_DIR ?? '.data'),
		databaseUrl,
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
			overrides.requireApiKey ?? boolFrom(env, 'PARLEY_STACK_REQUIRE_APIKEY') ?? !isLoopback(host)
	};
}
