import { describe, expect, it } from 'vitest';
import { ListCache, TranslationCache, translationKey } from './cache.ts';
import type { ProviderResult } from './types.ts';

const ok = (text: string): ProviderResult => ({ ok: true, text });

/** A producer that counts its calls and answers when told. */
function deferred() {
	let calls = 0;
	let resolve!: (r: ProviderResult) => void;
	const produce = () => {
		calls++;
		return new Promise<ProviderResult>((done) => (resolve = done));
	};
	return { produce, resolve: (r: ProviderResult) => resolve(r), calls: () => calls };
}

describe('TranslationCache', () => {
	it('translates the same text and pair once', async () => {
		const cache = new TranslationCache();
		let calls = 0;
		const produce = async () => ok(`t${++calls}`);
		const key = translationKey('apertium', 'es', 'en', 'Hola');
		expect(await cache.get(key, produce)).toEqual({ result: ok('t1'), cached: false });
		expect(await cache.get(key, produce)).toEqual({ result: ok('t1'), cached: true });
		expect(calls).toBe(1);
	});

	it('keys by provider, pair and text', () => {
		const keys = new Set([
			translationKey('apertium', 'es', 'en', 'Hola'),
			translationKey('libretranslate', 'es', 'en', 'Hola'),
			translationKey('apertium', 'en', 'es', 'Hola'),
			translationKey('apertium', 'es', 'en', 'Hola!'),
			// A separator inside the text must not collide with another split.
			translationKey('apertium', 'es', 'en\u0000x', 'y')
		]);
		expect(keys.size).toBe(5);
		expect(translationKey('apertium', 'es', 'en\u0000x', 'y')).not.toBe(
			translationKey('apertium', 'es', 'en', 'x\u0000y')
		);
	});

	it('lets concurrent identical requests share one call', async () => {
		const cache = new TranslationCache();
		const d = deferred();
		const key = translationKey('apertium', 'es', 'en', 'Hola');
		const a = cache.get(key, d.produce);
		const b = cache.get(key, d.produce);
		d.resolve(ok('Hello'));
		expect(await a).toEqual({ result: ok('Hello'), cached: false });
		expect(await b).toEqual({ result: ok('Hello'), cached: false });
		expect(d.calls()).toBe(1);
	});

	it('shares a failure with those waiting, but does not keep it', async () => {
		const cache = new TranslationCache();
		const d = deferred();
		const key = translationKey('apertium', 'es', 'en', 'Hola');
		const a = cache.get(key, d.produce);
		const b = cache.get(key, d.produce);
		d.resolve({ ok: false, reason: 'slow' });
		expect((await a).result).toEqual({ ok: false, reason: 'slow' });
		expect((await b).result).toEqual({ ok: false, reason: 'slow' });
		expect(await cache.get(key, async () => ok('Hello'))).toEqual({
			result: ok('Hello'),
			cached: false
		});
		expect(cache.size).toBe(1);
	});

	it('evicts the least recently used beyond its entry bound', async () => {
		const cache = new TranslationCache({ maxEntries: 2 });
		await cache.get('a', async () => ok('A'));
		await cache.get('b', async () => ok('B'));
		await cache.get('a', async () => ok('never'));
		await cache.get('c', async () => ok('C'));
		expect(cache.size).toBe(2);
		expect((await cache.get('a', async () => ok('A2'))).cached).toBe(true);
		expect(await cache.get('b', async () => ok('B2'))).toEqual({ result: ok('B2'), cached: false });
	});

	it('evicts beyond its character bound, and never keeps one text larger than it', async () => {
		const cache = new TranslationCache({ maxChars: 10 });
		await cache.get('k1', async () => ok('abc')); // 5 characters
		await cache.get('k2', async () => ok('abc')); // 10
		await cache.get('k3', async () => ok('abc')); // 15: k1 goes
		expect(cache.size).toBe(2);
		expect((await cache.get('k1', async () => ok('abc'))).cached).toBe(false);
		await cache.get('big', async () => ok('x'.repeat(20)));
		expect((await cache.get('big', async () => ok('again'))).cached).toBe(false);
	});
});

describe('ListCache', () => {
	it('keeps a success for its TTL and a failure for a shorter one, loading once at a time', async () => {
		let now = 0;
		let loads = 0;
		let fail = true;
		const list = new ListCache(
			async () => {
				loads++;
				return fail ? 'down' : 'pairs';
			},
			(v) => v === 'pairs',
			{ ttlMs: 60_000, failureTtlMs: 5_000, now: () => now }
		);
		expect(await Promise.all([list.get(), list.get()])).toEqual(['down', 'down']);
		expect(loads).toBe(1);
		now = 4_999;
		expect(await list.get()).toBe('down');
		fail = false;
		now = 5_000;
		expect(await list.get()).toBe('pairs');
		now = 64_999;
		expect(await list.get()).toBe('pairs');
		expect(loads).toBe(2);
		now = 65_000;
		await list.get();
		expect(loads).toBe(3);
	});
});
