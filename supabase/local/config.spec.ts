import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

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
