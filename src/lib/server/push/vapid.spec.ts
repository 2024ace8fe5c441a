import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { DEFAULT_VAPID_SUBJECT, VAPID_FILE, loadVapid } from './vapid.ts';

const dirs: string[] = [];
const tempDir = () => {
	const dir = mkdtempSync(join(tmpdir(), 'parley-vapid-'));
	dirs.push(dir);
	return dir;
};
afterEach(() => {
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('loadVapid', () => {
	it('makes keys on first start, keeps them in the data directory, and reads the same ones after', () => {
		const dir = join(tempDir(), 'data');
		const first = loadVapid({}, dir);
		expect(first.subject).toBe(DEFAULT_VAPID_SUBJECT);
		expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
		expect(statSync(join(dir, VAPID_FILE)).mode & 0o777).toBe(0o600);
		expect(loadVapid({}, dir)).toEqual(first);
	});

	it('takes keys and subject from the environment', () => {
		const keys = webpush.generateVAPIDKeys();
		const vapid = loadVapid(
			{
				PARLEY_VAPID_PUBLIC_KEY: keys.publicKey,
				PARLEY_VAPID_PRIVATE_KEY: keys.privateKey,
				PARLEY_VAPID_SUBJECT: 'https://chat.example.com'
			},
			tempDir()
		);
		expect(vapid).toEqual({ ...keys, subject: 'https://chat.example.com' });
	});

	it('refuses half a pair, malformed keys, keys that do not belong together and a bad subject', () => {
		const a = webpush.generateVAPIDKeys();
		const b = webpush.generateVAPIDKeys();
		const dir = tempDir();
		expect(() => loadVapid({ PARLEY_VAPID_PUBLIC_KEY: a.publicKey }, dir)).toThrow(/both/);
		expect(() =>
			loadVapid({ PARLEY_VAPID_PUBLIC_KEY: 'abc', PARLEY_VAPID_PRIVATE_KEY: a.privateKey }, dir)
		).toThrow(/65 bytes/);
		expect(() =>
			loadVapid(
				{ PARLEY_VAPID_PUBLIC_KEY: a.publicKey, PARLEY_VAPID_PRIVATE_KEY: b.privateKey },
				dir
			)
		).toThrow(/does not belong/);
		expect(() => loadVapid({ PARLEY_VAPID_SUBJECT: 'support@example.com' }, dir)).toThrow(
			/mailto: address or an https: URL/
		);
		expect(() => loadVapid({ PARLEY_VAPID_SUBJECT: 'http://example.com' }, dir)).toThrow(
			/PARLEY_VAPID_SUBJECT/
		);
	});

	it('says which file to delete when the kept keys are damaged', async () => {
		const dir = tempDir();
		loadVapid({}, dir);
		const file = join(dir, VAPID_FILE);
		const { writeFileSync } = await import('node:fs');
		writeFileSync(file, readFileSync(file, 'utf8').slice(0, 20));
		expect(() => loadVapid({}, dir)).toThrow(/delete it/);
	});
});
