// Translation per message through the app's route, as a console asks for it: the visitor's
// message is stored, then POST /api/translate {conversation_id, message_id, source, target}
// translates its own text with Apertium APy and keeps the translation with it.
//   translation_ms  request to answer, on the client's clock, for a message not translated
//                   before (each text differs, so the cache never answers); p50 and p95.
//   translation_apertium_ms  the same sentences asked of APy directly: the provider's share.
// Needs `npm run build` and Debian's apertium-apy with apertium-eng-spa (npm test installs
// them). Usage: node bench/translate.js, or through bench/run.js.
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createClient } from '@supabase/supabase-js';
import { findApertium, startApertium } from '../scripts/lib/apertium.js';
import { startApp } from './app.js';

/** The budget at p95. */
export const TRANSLATION_BUDGET_MS = 150;
const ROUNDS = Number(process.env.BENCH_TRANSLATE_ROUNDS ?? 40);
/** First requests start the pair's pipeline in APy (about half a second): not counted. */
const WARMUP = 3;
const SHOP = 'https://shop.example';

const SUBJECTS = ['Mi pedido', 'El paquete', 'La factura', 'Mi cuenta', 'El envío', 'La talla'];
const PROBLEMS = [
	'no ha llegado todavía',
	'tiene un error',
	'está incompleto',
	'no funciona bien',
	'llegó dañado'
];

/** A Spanish sentence of this round, different from every other round's. */
const sentence = (i) =>
	`${SUBJECTS[i % SUBJECTS.length]} número ${1000 + i} ${PROBLEMS[i % PROBLEMS.length]}. ¿Pueden ayudarme?`;

const percentile = (sorted, p) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Visitors taking turns, since one may send at most 20 messages in 10 s. */
const VISITORS = 4;

/** A site whose owner is its agent, and `VISITORS` visitors' conversations on it. */
async function conversations(stack, anonKey) {
	const { DEFAULT_SERVICE_ROLE_KEY } = await import('../supabase/local/keys.ts');
	const admin = createClient(stack, DEFAULT_SERVICE_ROLE_KEY, { auth: { persistSession: false } });
	const id = randomBytes(6).toString('hex');
	const owner = { email: `bench-tr-${id}@example.test`, password: `pw-${id}-secret` };
	const created = await admin.auth.admin.createUser({ ...owner, email_confirm: true });
	if (created.error) throw created.error;
	const site = await admin
		.from('sites')
		.insert({ owner_id: created.data.user.id, name: 'Bench shop', allowed_origins: [SHOP] })
		.select('id, site_key')
		.single();
	if (site.error) throw site.error;
	const agent = createClient(stack, anonKey, { auth: { persistSession: false } });
	const signedIn = await agent.auth.signInWithPassword(owner);
	if (signedIn.error) throw signedIn.error;
	const list = [];
	for (let v = 0; v < VISITORS; v++) {
		const visitor = createClient(stack, anonKey, {
			auth: { persistSession: false },
			global: { headers: { origin: SHOP } }
		});
		const anon = await visitor.auth.signInAnonymously();
		if (anon.error) throw anon.error;
		const view = await visitor.rpc('record_page_view', {
			site_key: site.data.site_key,
			page_url: `${SHOP}/`
		});
		if (view.error) throw view.error;
		const started = await visitor.rpc('start_conversation', {});
		if (started.error) throw started.error;
		list.push({
			conversationId: started.data.conversation_id,
			visitorId: anon.data.user.id,
			visitor,
			agentToken: signedIn.data.session.access_token
		});
	}
	return list;
}

export async function translateBench() {
	const found = findApertium();
	if (!found || !found.pairs.some((p) => p.startsWith('spa') || p.includes('spa'))) return null;
	const apy = await startApertium({ found });
	const before = process.env.APERTIUM_URL;
	process.env.APERTIUM_URL = apy.url;
	const app = await startApp();
	try {
		const { DEFAULT_ANON_KEY } = await import('../supabase/local/keys.ts');
		const all = await conversations(app.stack, DEFAULT_ANON_KEY);
		const times = [];
		const direct = [];
		let failures = 0;
		for (let i = 0; i < WARMUP + ROUNDS; i++) {
			const c = all[i % all.length];
			const messageId = randomUUID();
			const sent = await c.visitor.from('messages').insert({
				id: messageId,
				conversation_id: c.conversationId,
				sender_id: c.visitorId,
				sender_kind: 'visitor',
				body: sentence(i)
			});
			if (sent.error) throw sent.error;
			const start = performance.now();
			const res = await fetch(`${app.origin}/api/translate`, {
				method: 'POST',
				headers: {
					authorization: `Bearer ${c.agentToken}`,
					'content-type': 'application/json'
				},
				body: JSON.stringify({
					conversation_id: c.conversationId,
					message_id: messageId,
					source: 'es',
					target: 'en'
				})
			});
			const body = await res.json();
			const ms = performance.now() - start;
			if (i < WARMUP) continue;
			if (!res.ok || typeof body.translation !== 'string' || body.cached) failures++;
			else times.push(ms);
			const q = new URLSearchParams({
				langpair: 'spa|eng',
				q: sentence(i).replace('número', 'nº'),
				markUnknown: 'no'
			});
			const t0 = performance.now();
			await (await fetch(`${apy.url}/translate?${q}`)).json();
			direct.push(performance.now() - t0);
		}
		direct.sort((a, b) => a - b);
		times.sort((a, b) => a - b);
		const round = (x) => Math.round(x * 10) / 10;
		return {
			translation_ms: {
				p50: round(percentile(times, 50)),
				p95: round(percentile(times, 95)),
				max: round(times.at(-1))
			},
			translation_apertium_ms: {
				p50: round(percentile(direct, 50)),
				p95: round(percentile(direct, 95))
			},
			translation_rounds: times.length,
			translation_failures: failures
		};
	} finally {
		await app.stop();
		await apy.stop();
		if (before === undefined) delete process.env.APERTIUM_URL;
		else process.env.APERTIUM_URL = before;
	}
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) {
	const result = await translateBench();
	console.log(JSON.stringify(result, null, 2));
}
