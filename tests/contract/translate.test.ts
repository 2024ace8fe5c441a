/**
 * The translation routes' logic against the stack and a real Apertium APy (Debian's
 * apertium-apy with apertium-eng-spa, started here on 127.0.0.1): only a conversation's
 * participants get translations, per-user rate limits, input checks, and a provider that is
 * down, slow or lacks the pair answered with a reason rather than an error.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../../supabase/local/jwt.ts';
import { findApertium, startApertium } from '../../scripts/lib/apertium.js';
import {
	answerLanguages,
	answerTranslate,
	type TranslationSetup
} from '../../src/lib/server/translate/answer.ts';
import {
	supabaseTranslationStore,
	type TranslationStore
} from '../../src/lib/server/translate/store.ts';
import { ApertiumProvider } from '../../src/lib/translation/apertium.ts';
import { TokenBucketLimiter } from '../../src/lib/translation/rate-limit.ts';
import { Translator } from '../../src/lib/translation/translator.ts';
import { answerDetect } from '../../src/lib/server/translate/detect.ts';
import { loadDetector } from '../../src/lib/server/translate/detector.ts';
import { claimsFor } from './fixtures/tenancy.ts';
import { call, listen, useChatWorld, uuid, waitFor } from './fixtures/chat.ts';

const world = useChatWorld();
const { t, visitor, agent, sql } = world;

let apy: { url: string; stop: () => Promise<void> };
/** A port that accepts connections and never answers (a hung server), and its connections. */
let hung: Server;
const hungSockets = new Set<Socket>();
let hungUrl: string;
/** A port nothing listens on. */
let closedUrl: string;

beforeAll(async () => {
	const found = findApertium();
	if (!found?.pairs.includes('spa-eng'))
		throw new Error(
			'apertium-apy with apertium-eng-spa is not installed: npm run pretest installs it ' +
				'(sudo apt-get install apertium-apy apertium-eng-spa)'
		);
	apy = await startApertium({ found });
	// APy starts a pair's pipeline on its first request, which can take more than the 2 s
	// limit on a busy machine; the tests are about answers, so they start warm.
	for (const langpair of ['spa|eng', 'eng|spa'])
		await fetch(`${apy.url}/translate?${new URLSearchParams({ langpair, q: 'hola' })}`);
	hung = createServer((socket) => {
		hungSockets.add(socket);
		socket.on('close', () => hungSockets.delete(socket));
	});
	await new Promise<void>((done) => hung.listen(0, '127.0.0.1', done));
	hungUrl = `http://127.0.0.1:${(hung.address() as { port: number }).port}`;
	const probe = createServer();
	await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
	closedUrl = `http://127.0.0.1:${(probe.address() as { port: number }).port}`;
	await new Promise<void>((done) => probe.close(() => done()));
}, 30_000);

afterAll(async () => {
	await apy?.stop();
	for (const socket of hungSockets) socket.destroy();
	await new Promise<void>((done) => (hung ? hung.close(() => done()) : done()));
});

const apertium = (url: string): TranslationSetup => ({
	ok: true,
	translator: new Translator(new ApertiumProvider({ url }))
});

const bearer = async (user: string, anonymous: boolean) =>
	`Bearer ${await signJwt(t().stack.config.jwtSecret, claimsFor({ user, anonymous }))}`;

/** Asks to translate, as the route would, and returns status, body and headers. */
async function ask(
	authorization: string | null,
	body: unknown,
	opts: {
		setup?: TranslationSetup;
		limiter?: TokenBucketLimiter;
		contentType?: string;
		store?: TranslationStore | null;
	} = {}
) {
	const logged: string[] = [];
	const answer = await answerTranslate(
		{
			authorization,
			contentType: opts.contentType ?? 'application/json',
			body: typeof body === 'string' ? body : JSON.stringify(body)
		},
		{
			supabaseUrl: t().url,
			anonKey: t().anonKey,
			setup: opts.setup ?? apertium(apy.url),
			limiter: opts.limiter ?? new TokenBucketLimiter(),
			store: opts.store === undefined ? supabaseTranslationStore(t().admin()) : opts.store,
			log: (m) => logged.push(m)
		}
	);
	return { ...answer, logged };
}

/** A conversation of site A: its visitor and an agent of the site, with their tokens. */
async function conversation() {
	const v = await visitor('A');
	const started = await call<{ conversation_id: string }>(v.client, 'start_conversation', {});
	const a = await agent('A');
	return {
		id: started.data!.conversation_id,
		visitor: v,
		agent: a,
		visitorToken: await bearer(v.id, true),
		agentToken: await bearer(a.id, false)
	};
}

describe('POST /api/translate', () => {
	it('translates Spanish for the agent and English for the visitor with Apertium, once', async () => {
		const c = await conversation();
		const fromVisitor = await ask(c.agentToken, {
			conversation_id: c.id,
			text: 'Mi pedido no ha llegado todavía.',
			source: 'es',
			target: 'en'
		});
		expect(fromVisitor.status).toBe(200);
		expect(fromVisitor.body).toEqual({
			translation: expect.stringMatching(/has not arrived/),
			provider: 'apertium',
			cached: false
		});
		const setup = apertium(apy.url);
		const body = {
			conversation_id: c.id,
			text: 'My order has not arrived yet.',
			source: 'en',
			target: 'es'
		};
		const fromAgent = await ask(c.visitorToken, body, { setup });
		expect(fromAgent.body).toEqual({
			translation: 'Mi orden no ha llegado todavía.',
			provider: 'apertium',
			cached: false
		});
		expect((await ask(c.agentToken, body, { setup })).body).toMatchObject({ cached: true });
	});

	it('refuses people outside the conversation and callers without a valid token', async () => {
		const c = await conversation();
		const otherVisitor = await visitor('A');
		const otherSite = await agent('B');
		const body = { conversation_id: c.id, text: 'Hola', source: 'es', target: 'en' };
		const status = async (authorization: string | null, b: unknown = body) =>
			(await ask(authorization, b)).status;
		expect(await status(await bearer(otherVisitor.id, true))).toBe(403);
		expect(await status(await bearer(otherSite.id, false))).toBe(403);
		expect(await status(c.visitorToken, { ...body, conversation_id: uuid() })).toBe(403);
		expect(await status(null)).toBe(401);
		expect(await status('Bearer a.b.c')).toBe(401);
		const refused = await ask(await bearer(otherSite.id, false), body);
		expect(refused.body).toEqual({
			error: { code: 'forbidden', message: 'you take no part in this conversation' }
		});
	});

	it('limits each user, answering 429 with Retry-After', async () => {
		const c = await conversation();
		const limiter = new TokenBucketLimiter({ capacity: 2, refillPerSecond: 0.1 });
		const body = (text: string) => ({ conversation_id: c.id, text, source: 'es', target: 'en' });
		expect((await ask(c.visitorToken, body('uno'), { limiter })).status).toBe(200);
		expect((await ask(c.visitorToken, body('dos'), { limiter })).status).toBe(200);
		const third = await ask(c.visitorToken, body('tres'), { limiter });
		expect(third.status).toBe(429);
		expect(third.headers).toEqual({ 'retry-after': '10' });
		expect(third.body).toMatchObject({ error: { code: 'rate_limited' } });
		// Someone else in the same conversation has their own allowance.
		expect((await ask(c.agentToken, body('tres'), { limiter })).status).toBe(200);
	});

	it('refuses malformed input with a clear error', async () => {
		const c = await conversation();
		const good = { conversation_id: c.id, text: 'Hola', source: 'es', target: 'en' };
		const refusal = async (body: unknown, contentType?: string) => {
			const answer = await ask(c.visitorToken, body, { contentType });
			return [answer.status, (answer.body as { error?: { code: string } }).error?.code];
		};
		expect(await refusal(good, 'text/plain')).toEqual([415, 'unsupported_media_type']);
		expect(await refusal('{"text":')).toEqual([400, 'malformed']);
		expect(await refusal([good])).toEqual([400, 'malformed']);
		expect(await refusal({ ...good, text: '  ' })).toEqual([400, 'invalid_text']);
		expect(await refusal({ ...good, text: 42 })).toEqual([400, 'invalid_text']);
		expect(await refusal({ ...good, text: 'a'.repeat(10_001) })).toEqual([400, 'text_too_long']);
		expect(await refusal({ ...good, text: 'é'.repeat(70_000) })).toEqual([
			413,
			'payload_too_large'
		]);
		expect(await refusal({ ...good, source: 'spanish' })).toEqual([400, 'invalid_language']);
		expect(await refusal({ ...good, target: 'en_US' })).toEqual([400, 'invalid_language']);
		expect(await refusal({ ...good, target: undefined })).toEqual([400, 'invalid_language']);
		expect(await refusal({ ...good, target: 'ES' })).toEqual([400, 'same_language']);
		expect(await refusal({ ...good, conversation_id: 'conversation:1' })).toEqual([
			400,
			'malformed'
		]);
		// The longest text is accepted.
		expect((await ask(c.visitorToken, { ...good, text: 'hola '.repeat(2_000) })).status).toBe(200);
	});

	it('answers a missing pair, a provider that is down or slow, and no provider with a reason', async () => {
		const c = await conversation();
		const body = { conversation_id: c.id, text: 'Good morning', source: 'en', target: 'fr' };
		const missing = await ask(c.agentToken, body);
		expect(missing.status).toBe(200);
		expect(missing.body).toEqual({
			reason: 'unsupported_pair',
			message: 'the translation service cannot translate between these languages',
			provider: 'apertium'
		});

		const spanish = { ...body, target: 'es' };
		const down = await ask(c.agentToken, spanish, { setup: apertium(closedUrl) });
		expect(down.body).toMatchObject({ reason: 'down', provider: 'apertium' });
		expect(down.logged.join('\n')).toMatch(/ECONNREFUSED/);

		const started = Date.now();
		const slow = await ask(c.agentToken, spanish, { setup: apertium(hungUrl) });
		expect(slow.body).toMatchObject({ reason: 'slow', provider: 'apertium' });
		expect(Date.now() - started).toBeLessThan(3_000);

		const off = await ask(c.agentToken, spanish, { setup: { ok: true, translator: null } });
		expect(off.body).toEqual({
			reason: 'off',
			message: 'translation is not set up on this server',
			provider: null
		});
		const broken = await ask(c.agentToken, spanish, {
			setup: { ok: false, message: 'APERTIUM_URL is not a URL' }
		});
		expect(broken.status).toBe(503);
	});
});

describe('translations kept with messages', () => {
	/** A text message the visitor sent; its id. */
	async function visitorSays(c: Awaited<ReturnType<typeof conversation>>, body: string) {
		const id = uuid();
		const { error } = await c.visitor.client
			.from('messages')
			.insert({ id, conversation_id: c.id, sender_id: c.visitor.id, sender_kind: 'visitor', body });
		if (error) throw new Error(`send failed: ${error.message}`);
		return id;
	}

	it('translates the message’s own text, keeps it, and shows it to the site’s agents live', async () => {
		const c = await conversation();
		const { got } = await listen(c.agent.client, `conversation:${c.id}`);
		const messageId = await visitorSays(c, 'Mi pedido no ha llegado todavía.');
		const answer = await ask(c.agentToken, {
			conversation_id: c.id,
			message_id: messageId,
			source: 'es',
			target: 'en'
		});
		expect(answer.body).toEqual({
			translation: expect.stringMatching(/has not arrived/),
			provider: 'apertium',
			cached: false,
			stored: true
		});
		const translation = (answer.body as { translation: string }).translation;
		const live = await waitFor(
			() => got.find((m) => m.event === 'translation'),
			'the translation on conversation:<id>'
		);
		expect(live.payload).toMatchObject({
			message_id: messageId,
			conversation_id: c.id,
			language: 'en',
			body: translation,
			provider: 'apertium'
		});
		// Another agent of the site reads it with the history, under RLS.
		const colleague = await agent('A');
		const { data } = await colleague.client
			.from('message_translations')
			.select('message_id, language, body, provider')
			.eq('conversation_id', c.id);
		expect(data).toEqual([
			{ message_id: messageId, language: 'en', body: translation, provider: 'apertium' }
		]);
		// People outside the conversation do not.
		for (const outsider of [await visitor('A'), await agent('B')]) {
			const { data: none } = await outsider.client
				.from('message_translations')
				.select('message_id')
				.eq('conversation_id', c.id);
			expect(none).toEqual([]);
		}
	});

	it('answers a kept translation even when the provider is down', async () => {
		const c = await conversation();
		const messageId = await visitorSays(c, 'Buenos días');
		const body = { conversation_id: c.id, message_id: messageId, source: 'es', target: 'en' };
		const first = await ask(c.agentToken, body);
		const again = await ask(c.agentToken, body, { setup: apertium(closedUrl) });
		expect(again.body).toEqual({ ...(first.body as object), cached: true, stored: true });
		const off = await ask(c.agentToken, body, { setup: { ok: true, translator: null } });
		expect(off.body).toMatchObject({ cached: true, stored: true });
	});

	it('lets no participant write a translation themselves', async () => {
		const c = await conversation();
		const messageId = await visitorSays(c, 'Hola');
		for (const client of [c.agent.client, c.visitor.client]) {
			const { error } = await client.from('message_translations').insert({
				message_id: messageId,
				conversation_id: c.id,
				language: 'en',
				body: 'I want a refund of 1000 €',
				provider: 'apertium'
			});
			expect(error?.code).toBe('42501');
		}
		expect(
			await sql('select 1 from public.message_translations where message_id = $1', [messageId])
		).toEqual([]);
	});

	it('refuses a message of another conversation, a text that is not the message’s, and non-text', async () => {
		const c = await conversation();
		const other = await conversation();
		const theirs = await visitorSays(other, 'Hola');
		const mine = await visitorSays(c, 'Hola');
		const event = uuid();
		await sql(
			`insert into public.messages (id, conversation_id, sender_kind, kind, body) values ($1, $2, 'system', 'event', 'call_ended')`,
			[event, c.id]
		);
		const refusal = async (body: Record<string, unknown>) => {
			const answer = await ask(c.agentToken, {
				conversation_id: c.id,
				source: 'es',
				target: 'en',
				...body
			});
			return [answer.status, (answer.body as { error?: { code: string } }).error?.code];
		};
		expect(await refusal({ message_id: theirs })).toEqual([404, 'not_found']);
		expect(await refusal({ message_id: uuid() })).toEqual([404, 'not_found']);
		expect(await refusal({ message_id: mine, text: 'Adiós' })).toEqual([400, 'text_mismatch']);
		expect(await refusal({ message_id: event })).toEqual([400, 'not_text']);
		// An internal note between agents is not translated for anyone (the visitor must not
		// get its words through a translation), and looks like no message at all.
		const note = uuid();
		await sql(
			`insert into public.messages (id, conversation_id, sender_id, sender_kind, body, internal) values ($1, $2, $3, 'agent', 'Cliente VIP', true)`,
			[note, c.id, c.agent.id]
		);
		expect(await refusal({ message_id: note })).toEqual([404, 'not_found']);
		expect(await refusal({ message_id: 'm1' })).toEqual([400, 'malformed']);
		expect(
			(
				await ask(
					c.agentToken,
					{ conversation_id: c.id, message_id: mine, source: 'es', target: 'en' },
					{ store: null }
				)
			).status
		).toBe(503);
		// The message's text, sent along, is accepted.
		expect(
			(
				await ask(c.agentToken, {
					conversation_id: c.id,
					message_id: mine,
					text: 'Hola',
					source: 'es',
					target: 'en'
				})
			).body
		).toMatchObject({ stored: true });
	});
});

describe('each side’s language, as the server knows it', () => {
	/** A message written straight into the conversation; its id. */
	async function says(
		c: { id: string },
		who: { id: string },
		kind: 'visitor' | 'agent',
		body: string
	) {
		const id = uuid();
		await sql(
			`insert into public.messages (id, conversation_id, sender_id, sender_kind, body) values ($1, $2, $3, $4, $5)`,
			[id, c.id, who.id, kind, body]
		);
		return id;
	}

	it('translates a message given only its id and the reader’s language', async () => {
		const c = await conversation();
		await sql(`update public.conversations set visitor_language = 'es-ES' where id = $1`, [c.id]);
		expect((await call(c.agent.client, 'set_agent_language', { language: 'en' })).code).toBeNull();
		const question = await says(c, c.visitor, 'visitor', 'Mi pedido no ha llegado todavía.');
		const reply = await says(c, c.agent, 'agent', 'My order has not arrived yet.');
		const forAgent = await ask(c.agentToken, {
			conversation_id: c.id,
			message_id: question,
			target: 'en'
		});
		expect(forAgent.body).toMatchObject({ translation: expect.stringMatching(/has not arrived/) });
		const forVisitor = await ask(c.visitorToken, {
			conversation_id: c.id,
			message_id: reply,
			target: 'es-ES'
		});
		expect(forVisitor.body).toMatchObject({ translation: expect.stringMatching(/no ha llegado/) });
		// A source sent along does not override what the server knows.
		const again = await ask(c.agentToken, {
			conversation_id: c.id,
			message_id: question,
			source: 'fr',
			target: 'en'
		});
		expect(again.body).toMatchObject({ cached: true, stored: true });
		// Nothing to translate into the language it was written in.
		const same = await ask(c.visitorToken, {
			conversation_id: c.id,
			message_id: question,
			target: 'es'
		});
		expect([same.status, (same.body as { error: { code: string } }).error.code]).toEqual([
			400,
			'same_language'
		]);
	});

	it('asks for the source when nobody has said which language a message is in', async () => {
		const c = await conversation();
		const reply = await says(c, c.agent, 'agent', 'Hello there');
		const answer = await ask(c.visitorToken, {
			conversation_id: c.id,
			message_id: reply,
			target: 'es'
		});
		expect(answer.status).toBe(400);
		expect(answer.body).toMatchObject({ error: { code: 'unknown_language' } });
		const badSource = await ask(c.visitorToken, {
			conversation_id: c.id,
			message_id: reply,
			source: 'english',
			target: 'es'
		});
		expect(badSource.body).toMatchObject({ error: { code: 'invalid_language' } });
	});
});

describe('POST /api/translate/detect', () => {
	const detect = async (authorization: string | null, body: unknown) =>
		answerDetect(
			{ authorization, contentType: 'application/json', body: JSON.stringify(body) },
			{
				supabaseUrl: t().url,
				anonKey: t().anonKey,
				limiter: new TokenBucketLimiter(),
				store: supabaseTranslationStore(t().admin()),
				detector: loadDetector,
				log: () => {}
			}
		);
	const language = async (id: string) =>
		(
			await sql<{ visitor_language: string; visitor_language_source: string }>(
				'select visitor_language, visitor_language_source from public.conversations where id = $1',
				[id]
			)
		)[0];

	it('keeps the language the visitor writes in once their first messages say it', async () => {
		const c = await conversation();
		await sql(`update public.conversations set visitor_language = 'en-US' where id = $1`, [c.id]);
		await sql(
			`insert into public.messages (id, conversation_id, sender_id, sender_kind, body) values ($1, $2, $3, 'visitor', 'hola')`,
			[uuid(), c.id, c.visitor.id]
		);
		// A greeting says too little.
		expect((await detect(c.agentToken, { conversation_id: c.id })).body).toEqual({
			language: 'en-US',
			source: 'browser',
			changed: false
		});
		await sql(
			`insert into public.messages (id, conversation_id, sender_id, sender_kind, body) values ($1, $2, $3, 'visitor', 'necesito ayuda con mi pedido, por favor')`,
			[uuid(), c.id, c.visitor.id]
		);
		expect((await detect(c.agentToken, { conversation_id: c.id })).body).toEqual({
			language: 'es',
			source: 'detected',
			changed: true
		});
		expect(await language(c.id)).toEqual({
			visitor_language: 'es',
			visitor_language_source: 'detected'
		});
	});

	it('leaves an agent’s correction alone, and answers participants only', async () => {
		const c = await conversation();
		await c.agent.client.from('conversations').update({ visitor_language: 'pt' }).eq('id', c.id);
		await sql(
			`insert into public.messages (id, conversation_id, sender_id, sender_kind, body) values ($1, $2, $3, 'visitor', 'necesito ayuda con mi pedido, por favor')`,
			[uuid(), c.id, c.visitor.id]
		);
		expect((await detect(c.visitorToken, { conversation_id: c.id })).body).toEqual({
			language: 'pt',
			source: 'agent',
			changed: false
		});
		const outsider = await visitor('A');
		expect((await detect(await bearer(outsider.id, true), { conversation_id: c.id })).status).toBe(
			403
		);
		expect((await detect(c.agentToken, { conversation_id: 'nope' })).status).toBe(400);
		expect((await detect(null, { conversation_id: c.id })).status).toBe(401);
	});
});

describe('the Apertium APy that npm start runs', () => {
	it('listens on 127.0.0.1 only', async () => {
		const port = Number(new URL(apy.url).port);
		const outside = Object.values(networkInterfaces())
			.flat()
			.find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
		const reachable = (host: string) =>
			new Promise<boolean>((done) => {
				const socket = connect({ host, port }, () => {
					socket.destroy();
					done(true);
				});
				socket.on('error', () => done(false));
			});
		expect(await reachable('127.0.0.1')).toBe(true);
		// A machine with loopback only (a network namespace) has no other address to try.
		if (outside) expect(await reachable(outside)).toBe(false);
	});
});

describe('GET /api/translate/languages', () => {
	it('lists the installed Apertium pairs as language tags', async () => {
		const answer = await answerLanguages(apertium(apy.url));
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ available: true, provider: 'apertium' });
		const body = answer.body as { pairs: unknown[]; languages: string[] };
		expect(body.pairs).toContainEqual({ source: 'es', target: 'en' });
		expect(body.pairs).toContainEqual({ source: 'en', target: 'es' });
		expect(body.languages).toEqual(expect.arrayContaining(['en', 'es']));
	});

	it('says when translation is off or the provider cannot be reached', async () => {
		expect((await answerLanguages({ ok: true, translator: null })).body).toEqual({
			available: false,
			provider: null,
			pairs: [],
			languages: [],
			reason: 'off',
			message: 'translation is not set up on this server'
		});
		expect((await answerLanguages(apertium(closedUrl), () => {})).body).toMatchObject({
			available: false,
			provider: 'apertium',
			reason: 'down'
		});
	});
});
