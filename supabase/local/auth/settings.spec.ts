import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { authSettingsFrom, loadAuthSettings, plainAuthSettings } from './settings.ts';

describe('plainAuthSettings', () => {
	it('turns the settings into data a thread can receive, and back', async () => {
		const config = await loadConfig({}, { host: '127.0.0.1', port: 54321 });
		const settings = loadAuthSettings(config, {});
		const plain = plainAuthSettings(settings);
		expect(structuredClone(plain)).toEqual(plain);
		const back = authSettingsFrom(structuredClone(plain));
		expect(back.issuer()).toBe(settings.issuer());
		expect(back.siteUrl()).toBe(settings.siteUrl());
		const { issuer: _issuer, siteUrl: _siteUrl, ...rest } = back;
		const { issuer: _i, siteUrl: _s, ...expected } = settings;
		expect(rest).toEqual(expected);
	});
});
