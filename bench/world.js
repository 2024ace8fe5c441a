// A site for the load benchmarks, made the way the product makes one: an operator's site
// (inserted through REST under RLS), agents who are members and online, and visitors who sign
// in anonymously, record a page view and start a conversation through the real RPCs. Every
// participant is an unmodified supabase-js client with its own realtime socket (given a lighter
// fetch, bench/http-fetch.js); a channel that only needs watching can have a socket of its own
// that counts its frames (watchChannel).
import { randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { httpFetch } from './http-fetch.js';

const { signJwt } = await import('../supabase/local/jwt.ts');
const { DEFAULT_ANON_KEY, DEFAULT_JWT_SECRET, DEFAULT_SERVICE_ROLE_KEY } =
	await import('../supabase/local/keys.ts');

export const ORIGIN = 'https://shop.bench.test';
const NO_SESSION = { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false };
/**
 * The clients' fetch: `node-http` (bench/http-fetch.js) or `undici` (Node's own, as the figures
 * before 2026-12-06 were taken).
 */
const FETCH = process.env.BENCH_FETCH ?? 'node-http';
if (!['node-http', 'undici'].includes(FETCH))
	throw new Error(`BENCH_FETCH must be node-http or undici, not ${FETCH}`);
const GLOBAL = FETCH === 'node-http' ? { fetch: httpFetch } : {};

/** Runs `fn` over `items`, `width` at a time. */
export async function pool(items, width, fn) {
	const out = new Array(items.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(width, items.length) }, async () => {
			while (next < items.length) {
				const i = next++;
				out[i] = await fn(items[i], i);
			}
		})
	);
	return out;
}

/** A member's token as GoTrue signs it (sign-in with a password is not what is measured). */
async function memberToken(id) {
	const iat = Math.floor(Date.now() / 1000);
	return signJwt(DEFAULT_JWT_SECRET, {
		sub: id,
		role: 'authenticated',
		aud: 'authenticated',
		is_anonymous: false,
		exp: iat + 6 * 3600,
		iat,
		session_id: randomUUID(),
		aal: 'aal1',
		app_metadata: { provider: 'email', providers: ['email'] },
		user_metadata: {}
	});
}

async function member(url, admin, label) {
	const email = `${label}-${randomUUID().slice(0, 8)}@bench.test`;
	const { data, error } = await admin.auth.admin.createUser({ email, email_confirm: true });
	if (error) throw new Error(`creating ${label}: ${error.message}`);
	const token = await memberToken(data.user.id);
	const client = createClient(url, DEFAULT_ANON_KEY, {
		global: GLOBAL,
		accessToken: async () => token,
		realtime: { params: { log_level: 'error' } }
	});
	await client.realtime.setAuth();
	return { id: data.user.id, client, token };
}

const ok = (what, { data, error }) => {
	if (error) throw new Error(`${what}: ${error.code ?? ''} ${error.message}`);
	return data;
};

/** Joins a private channel; resolves once joined. */
export function join(channel, ms = 30_000) {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`join ${channel.topic} timed out`)), ms);
		channel.subscribe((status, err) => {
			if (status === 'SUBSCRIBED') {
				clearTimeout(timer);
				resolve(channel);
			} else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') {
				clearTimeout(timer);
				reject(err ?? new Error(`${channel.topic}: ${status}`));
			}
		});
	});
}

/**
 * A console that only watches one private channel, on a socket of its own that speaks
 * Realtime's protocol as supabase-js does (`vsn` 2.0.0, so the stack writes it the very frames it
 * writes to supabase-js, the member's token on join, a heartbeat every 25 s), and counts the
 * broadcasts of `event` without decoding them. The load benchmarks give a site channel's many
 * watchers this form: on the product each is a phone of its own, and decoding every frame for
 * 100 of them here puts 100 phones' work on the machine under test (bench/README.md). Resolves
 * once joined; `count` is the broadcasts heard so far, `errors` the channel errors and closes.
 */
export function watchChannel(url, token, subTopic, event, ms = 30_000) {
	const topic = `realtime:${subTopic}`;
	const ws = new WebSocket(
		`${url.replace(/^http/, 'ws')}/realtime/v1/websocket?apikey=${DEFAULT_ANON_KEY}&vsn=2.0.0`
	);
	ws.binaryType = 'arraybuffer';
	// A JSON broadcast frame: [null, null, topic, "broadcast", {"type":"broadcast","event":…}].
	const marker = `"event":"${event}"`;
	const eventBytes = new TextEncoder().encode(event);
	let ref = 0;
	let beat;
	const push = (t, ev, payload, joinRef = '1') =>
		ws.send(JSON.stringify([joinRef, String(++ref), t, ev, payload]));
	const watcher = {
		count: 0,
		errors: 0,
		close() {
			clearInterval(beat);
			ws.close();
		}
	};
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			watcher.close();
			reject(new Error(`join ${topic} timed out`));
		}, ms);
		let joined = false;
		ws.onopen = () => {
			push(topic, 'phx_join', { config: { private: true }, access_token: token });
			beat = setInterval(() => push('phoenix', 'heartbeat', {}, null), 25_000);
		};
		ws.onmessage = ({ data }) => {
			if (typeof data !== 'string') {
				// A kind 4 frame: kind, topic length, event length, metadata length, encoding, topic, event.
				const b = new Uint8Array(data);
				const at = 5 + b[1];
				if (b[0] === 4 && b[2] === eventBytes.length && eventBytes.every((x, i) => b[at + i] === x))
					watcher.count++;
				return;
			}
			if (joined) {
				if (data.includes(marker)) watcher.count++;
				else if (data.includes('"phx_error"') || data.includes('"phx_close"')) watcher.errors++;
				return;
			}
			const [, , t, ev, payload] = JSON.parse(data);
			if (t !== topic || ev !== 'phx_reply') return;
			clearTimeout(timer);
			if (payload?.status === 'ok') {
				joined = true;
				resolve(watcher);
			} else {
				watcher.close();
				reject(new Error(`join ${topic}: ${JSON.stringify(payload?.response)}`));
			}
		};
		ws.onerror = () => {
			if (joined) watcher.errors++;
		};
	});
}

/** An operator's site with `agents` online members. */
export async function makeSite(url, { agents }) {
	const admin = createClient(url, DEFAULT_SERVICE_ROLE_KEY, { auth: NO_SESSION, global: GLOBAL });
	const owner = await member(url, admin, 'owner');
	const site = ok(
		'creating the site',
		await owner.client
			.from('sites')
			.insert({ name: 'Bench shop', allowed_origins: [ORIGIN] })
			.select('id, site_key')
			.single()
	);
	const team = await pool(Array.from({ length: agents }), 8, async (_, i) => {
		const agent = await member(url, admin, 'agent');
		ok(
			'adding an agent',
			await admin
				.from('site_members')
				.insert({ site_id: site.id, user_id: agent.id, role: 'agent', display_name: `Agent ${i}` })
		);
		ok(
			'going online',
			await agent.client.rpc('set_agent_availability', { availability: 'online' })
		);
		return agent;
	});
	return { id: site.id, key: site.site_key, owner, agents: team, admin };
}

/** A visitor who signed in anonymously and viewed a page of the site, as the snippet does. */
export async function visitor(url, site) {
	const client = createClient(url, DEFAULT_ANON_KEY, {
		auth: NO_SESSION,
		global: { ...GLOBAL, headers: { origin: ORIGIN } },
		realtime: { params: { log_level: 'error' } }
	});
	const { data, error } = await client.auth.signInAnonymously();
	if (error) throw new Error(`anonymous sign-in: ${error.message}`);
	ok(
		'page view',
		await client.rpc('record_page_view', {
			site_key: site.key,
			page_url: `${ORIGIN}/pricing`,
			page_title: 'Pricing'
		})
	);
	return { id: data.user.id, client, session: data.session };
}

/** Closes every client's sockets. */
export async function closeAll(clients) {
	await pool(clients, 32, async (c) => {
		await c.removeAllChannels();
		c.realtime.disconnect();
	});
}
