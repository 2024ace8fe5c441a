import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	ConfigError,
	loadConfig,
	PROJECT_SUPABASE_DIR,
	readApiConfig,
	readProjectConfig
} from './config.ts';

describe('requireApiKey: whether a request without an apikey is refused', () => {
	it('follows the CLI on loopback and the hosted platform elsewhere', async () => {
		expect((await loadConfig({})).requireApiKey).toBe(false);
		expect((await loadConfig({ PARLEY_STACK_HOST: '::1' })).requireApiKey).toBe(false);
		expect(
			(
				await loadConfig({
					PARLEY_STACK_HOST: '0.0.0.0',
					SUPABASE_JWT_SECRET: 'a-secret-of-our-own-that-is-long-enough'
				})
			).requireApiKey
		).toBe(true);
	});

	it('can be asked for either way, and refuses a value that is not a yes or a no', async () => {
		expect((await loadConfig({ PARLEY_STACK_REQUIRE_APIKEY: 'true' })).requireApiKey).toBe(true);
		expect(
			(
				await loadConfig({
					PARLEY_STACK_HOST: '0.0.0.0',
					SUPABASE_JWT_SECRET: 'a-secret-of-our-own-that-is-long-enough',
					PARLEY_STACK_REQUIRE_APIKEY: '0'
				})
			).requireApiKey
		).toBe(false);
		await expect(loadConfig({ PARLEY_STACK_REQUIRE_APIKEY: 'maybe' })).rejects.toThrow(ConfigError);
	});
});

describe("PARLEY_PGLITE_SHARED_BUFFERS: PGlite's shared_buffers", () => {
	it('is unset by default, and takes a size written as Postgres writes it', async () => {
		expect((await loadConfig({})).pgliteSharedBuffers).toBeUndefined();
		for (const size of ['64MB', '512kB', '128kB', '1GB'])
			expect((await loadConfig({ PARLEY_PGLITE_SHARED_BUFFERS: size })).pgliteSharedBuffers).toBe(
				size
			);
	});

	it('refuses other spellings and sizes Postgres would not start with, naming the setting', async () => {
		for (const size of ['64mb', '100', '64 MB', '64kB', '2GB', '-1MB', '1.5GB', '0MB']) {
			const err = await loadConfig({ PARLEY_PGLITE_SHARED_BUFFERS: size }).catch((e) => e);
			expect(err, size).toBeInstanceOf(ConfigError);
			expect((err as Error).message).toContain('PARLEY_PGLITE_SHARED_BUFFERS');
		}
	});
});

describe('PARLEY_PGLITE_THREAD: PGlite on a thread of its own', () => {
	it('is on by default, and turns off with false', async () => {
		expect((await loadConfig({})).pgliteThread).toBe(true);
		expect((await loadConfig({ PARLEY_PGLITE_THREAD: 'false' })).pgliteThread).toBe(false);
		expect((await loadConfig({ PARLEY_PGLITE_THREAD: 'off' })).pgliteThread).toBe(false);
		expect((await loadConfig({ PARLEY_PGLITE_THREAD: 'true' })).pgliteThread).toBe(true);
	});

	it('refuses anything but true or false, naming the setting', async () => {
		const err = await loadConfig({ PARLEY_PGLITE_THREAD: 'sometimes' }).catch((e) => e);
		expect(err).toBeInstanceOf(ConfigError);
		expect((err as Error).message).toContain('PARLEY_PGLITE_THREAD');
	});
});

describe('[api] of supabase/config.toml: exposed schemas, extra search path, max rows', () => {
	let dir: string;
	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), 'parley-config-'));
	});
	afterEach(async () => {
		await rm(dir, { recursive: true, force: true });
	});
	const write = (text: string) => writeFile(join(dir, 'config.toml'), text);
	/** The ConfigError message reading the folder's config.toml fails with. */
	const failure = async () => {
		const err = await readApiConfig(dir).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(ConfigError);
		return (err as ConfigError).message;
	};

	it('has the Supabase CLI defaults when there is no config.toml', async () => {
		expect(await readApiConfig(dir)).toEqual({
			schemas: ['public', 'graphql_public'],
			extraSearchPath: ['public', 'extensions'],
			maxRows: 1000
		});
	});

	it('reads the CLI file, ignoring the sections and keys it does not use', async () => {
		await write(`project_id = "shop"

[api]
enabled = true
port = 54321
schemas = ["api", "public"]
extra_search_path = ["extensions"]
max_rows = 50

[api.tls]
enabled = false

[auth.external.apple]
enabled = false
secret = "env(SUPABASE_AUTH_EXTERNAL_APPLE_SECRET)"
`);
		expect(await readApiConfig(dir)).toEqual({
			schemas: ['api', 'public'],
			extraSearchPath: ['extensions'],
			maxRows: 50
		});
	});

	it('keeps the default of each key the file leaves out, and allows no extra search path', async () => {
		await write('[api]\nschemas = ["api"]\n');
		expect(await readApiConfig(dir)).toEqual({
			schemas: ['api'],
			extraSearchPath: ['public', 'extensions'],
			maxRows: 1000
		});
		await write('[db]\nport = 54322\n');
		expect((await readApiConfig(dir)).schemas).toEqual(['public', 'graphql_public']);
		await write('[api]\nextra_search_path = []\n');
		expect((await readApiConfig(dir)).extraSearchPath).toEqual([]);
	});

	it('is what loadConfig gives for the folder it is pointed at, and the repository’s own file', async () => {
		await write('[api]\nschemas = ["api", "public"]\nmax_rows = 10\n');
		const config = await loadConfig({}, { supabaseDir: dir });
		expect(config.supabaseDir).toBe(dir);
		expect(config.api).toEqual({
			schemas: ['api', 'public'],
			extraSearchPath: ['public', 'extensions'],
			maxRows: 10
		});
		const project = await loadConfig({});
		expect(project.supabaseDir).toBe(PROJECT_SUPABASE_DIR);
		expect(project.api).toEqual({
			schemas: ['public', 'graphql_public'],
			extraSearchPath: ['public', 'extensions'],
			maxRows: 1000
		});
	});

	it('names the file and the key for a value of the wrong kind', async () => {
		const file = join(dir, 'config.toml');
		await write('[api]\nschemas = "public"\n');
		expect(await failure()).toBe(
			`${file}: api.schemas must be a list of schema names, like ["public", "graphql_public"]`
		);
		await write('[api]\nschemas = ["public", 1]\n');
		expect(await failure()).toMatch(/: api\.schemas must be a list of schema names/);
		await write('[api]\nextra_search_path = "public,extensions"\n');
		expect(await failure()).toMatch(/config\.toml: api\.extra_search_path must be a list/);
		await write('[api]\nmax_rows = "1000"\n');
		expect(await failure()).toBe(`${file}: api.max_rows must be a whole number of at least 1`);
		for (const bad of ['0', '-5', '10.5']) {
			await write(`[api]\nmax_rows = ${bad}\n`);
			expect(await failure(), bad).toMatch(/api\.max_rows must be a whole number/);
		}
		await write('api = "public"\n');
		expect(await failure()).toBe(`${file}: api must be a table ([api])`);
	});

	it('refuses schema names PostgREST could not be given, and an empty list of schemas', async () => {
		const cases: [string, RegExp][] = [
			['[]', /api\.schemas must name at least one schema/],
			['[""]', /api\.schemas has a schema name that is empty: ""/],
			['["  "]', /api\.schemas has a schema name that is empty/],
			['[" api"]', /api\.schemas has a schema name that has leading or trailing spaces: " api"/],
			['["public,api"]', /api\.schemas has a schema name that contains a comma: "public,api"/],
			[`["${'s'.repeat(64)}"]`, /api\.schemas has a schema name that is longer than 63 bytes/],
			['["a\\tb"]', /contains a control character or a double quote/],
			['["a\\"b"]', /contains a control character or a double quote/],
			['["api", "public", "api"]', /api\.schemas names "api" twice/]
		];
		for (const [value, message] of cases) {
			await write(`[api]\nschemas = ${value}\n`);
			expect(await failure(), value).toMatch(message);
		}
		await write('[api]\nextra_search_path = ["public", "ext,ra"]\n');
		expect(await failure()).toMatch(
			/api\.extra_search_path has a schema name that contains a comma/
		);
		// Names Postgres only takes quoted are fine: they are quoted wherever they are used.
		await write('[api]\nschemas = ["My Schema", "ünïcode"]\n');
		expect((await readApiConfig(dir)).schemas).toEqual(['My Schema', 'ünïcode']);
	});

	it('says where TOML that does not parse goes wrong', async () => {
		await write('[api]\nschemas = ["public"\n');
		expect(await failure()).toMatch(/config\.toml: is not valid TOML at line \d+, column \d+: /);
		await write('[api]\nmax_rows = 1\nmax_rows = 2\n');
		expect(await failure()).toMatch(/is not valid TOML at line 3/);
	});

	it('makes loadConfig fail with the same message', async () => {
		await write('[api]\nschemas = []\n');
		await expect(loadConfig({}, { supabaseDir: dir })).rejects.toThrow(
			/api\.schemas must name at least one schema/
		);
	});
});

describe('[storage.image_transformation] of supabase/config.toml', () => {
	let dir: string;
	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), 'parley-config-'));
	});
	afterEach(async () => {
		await rm(dir, { recursive: true, force: true });
	});
	const write = (text: string) => writeFile(join(dir, 'config.toml'), text);
	const enabled = async () => (await readProjectConfig(dir)).storage.imageTransformation;

	it('is off without the section, as the CLI then starts no imgproxy', async () => {
		expect(await enabled()).toBe(false);
		await write('[storage]\nfile_size_limit = "50MiB"\n');
		expect(await enabled()).toBe(false);
		await write('[storage.image_transformation]\n');
		expect(await enabled()).toBe(false);
	});

	it('follows `enabled`', async () => {
		await write('[storage.image_transformation]\nenabled = true\n');
		expect(await enabled()).toBe(true);
		await write('[storage.image_transformation]\nenabled = false\n');
		expect(await enabled()).toBe(false);
	});

	it('refuses a value that is not a boolean, naming the key', async () => {
		await write('[storage.image_transformation]\nenabled = "yes"\n');
		await expect(readProjectConfig(dir)).rejects.toThrow(
			/storage\.image_transformation\.enabled must be true or false/
		);
		await write('storage = 1\n');
		await expect(readProjectConfig(dir)).rejects.toThrow(/storage must be a table/);
	});

	it("is on in this project's config.toml", async () => {
		expect((await loadConfig({})).storage.imageTransformation).toBe(true);
		expect((await readProjectConfig(PROJECT_SUPABASE_DIR)).storage.imageTransformation).toBe(true);
	});
});
