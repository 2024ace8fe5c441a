/**
 * The Apertium APy client against answers shaped as apertium-apy 0.11 gives them (the real
 * server is exercised by the contract tests): codes from /listPairs, the form it posts, and
 * its errors turned into reasons.
 */
import { describe, expect, it } from 'vitest';
import { ApertiumProvider } from './apertium.ts';

const LIST_PAIRS = {
	responseData: [
		{ sourceLanguage: 'spa', targetLanguage: 'eng' },
		{ sourceLanguage: 'spa', targetLanguage: 'eng_US' },
		{ sourceLanguage: 'eng', targetLanguage: 'spa' }
	],
	responseDetails: null,
	responseStatus: 200
};

const json = (status: number, body: unknown) =>
	new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A provider over a fake fetch; `translate` answers POST /translate. */
function provider(translate: (form: URLSearchParams) => Response | Promise<Response>) {
	const calls: { url: string; form: URLSearchParams | null }[] = [];
	const p = new ApertiumProvider({
		url: 'http://127.0.0.1:2737/',
		fetch: async (url, init) => {
			const form = init?.body ? new URLSearchParams(String(init.body)) : null;
			calls.push({ url, form });
			if (url.endsWith('/listPairs')) return json(200, LIST_PAIRS);
			return translate(form!);
		}
	});
	return { p, calls };
}

const translated = (text: string) =>
	json(200, { responseData: { translatedText: text }, responseDetails: null, responseStatus: 200 });

describe('ApertiumProvider', () => {
	it('posts langpair in its own codes with markUnknown=no and reads translatedText', async () => {
		const { p, calls } = provider(() => translated('Hello'));
		expect(await p.translate({ text: 'Hola', source: 'es', target: 'en' })).toEqual({
			ok: true,
			text: 'Hello'
		});
		const last = calls.at(-1)!;
		expect(last.url).toBe('http://127.0.0.1:2737/translate');
		expect(Object.fromEntries(last.form!)).toEqual({
			langpair: 'spa|eng',
			q: 'Hola',
			markUnknown: 'no'
		});
	});

	it('picks the regional variant when the server has it (en-US → eng_US)', async () => {
		const { p, calls } = provider(() => translated('Hi'));
		await p.translate({ text: 'Hola', source: 'es', target: 'en-US' });
		expect(calls.at(-1)!.form!.get('langpair')).toBe('spa|eng_US');
	});

	it('answers unsupported_pair for a pair it does not list, without asking', async () => {
		const { p, calls } = provider(() => translated('never'));
		expect(await p.translate({ text: 'Bonjour', source: 'fr', target: 'en' })).toMatchObject({
			ok: false,
			reason: 'unsupported_pair'
		});
		expect(calls.map((c) => c.url)).toEqual(['http://127.0.0.1:2737/listPairs']);
	});

	it.each([
		[
			400,
			{ status: 'error', code: 400, explanation: 'That pair is not installed' },
			'unsupported_pair'
		],
		[503, { status: 'error', code: 503, explanation: 'internal error' }, 'failed'],
		[429, { status: 'error', code: 429, explanation: 'Too Many Requests' }, 'busy'],
		[403, { status: 'error', code: 403, explanation: 'Forbidden' }, 'refused']
	])('turns %i %j into %s', async (status, body, reason) => {
		const { p } = provider(() => json(status, body));
		expect(await p.translate({ text: 'Hola', source: 'es', target: 'en' })).toEqual({
			ok: false,
			reason,
			detail: `${status} ${body.explanation}`
		});
	});

	it('calls a gateway’s page down and an unreadable answer failed', async () => {
		const { p } = provider(() => new Response('<html>Bad Gateway</html>', { status: 502 }));
		expect(await p.translate({ text: 'Hola', source: 'es', target: 'en' })).toMatchObject({
			ok: false,
			reason: 'down'
		});
		const other = provider(() => json(200, { responseData: null }));
		expect(await other.p.translate({ text: 'Hola', source: 'es', target: 'en' })).toMatchObject({
			ok: false,
			reason: 'failed'
		});
	});

	it('says slow when the server does not answer within the limit', async () => {
		const p = new ApertiumProvider({
			url: 'http://127.0.0.1:2737',
			callLimitMs: 100,
			fetch: (_url, init) =>
				new Promise((_done, fail) =>
					init?.signal?.addEventListener('abort', () => fail(init.signal!.reason))
				)
		});
		expect(await p.translate({ text: 'Hola', source: 'es', target: 'en' })).toMatchObject({
			ok: false,
			reason: 'slow'
		});
	});

	it('says down when the connection fails', async () => {
		const p = new ApertiumProvider({
			url: 'http://127.0.0.1:2737',
			fetch: async () => {
				throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
			}
		});
		expect(await p.languages()).toEqual({
			ok: false,
			reason: 'down',
			detail: 'fetch failed: connect ECONNREFUSED'
		});
	});

	it('lists its pairs as BCP-47 tags', async () => {
		const { p } = provider(() => translated(''));
		expect(await p.languages()).toEqual({
			ok: true,
			pairs: [
				{ source: 'en', target: 'es' },
				{ source: 'es', target: 'en' },
				{ source: 'es', target: 'en-US' }
			]
		});
	});
});
