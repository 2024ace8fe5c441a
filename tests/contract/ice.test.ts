/**
 * The ICE route's logic against the stack: only a conversation's participants get ICE servers,
 * with TURN credentials in coturn's REST scheme when TURN is configured and none without.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signJwt } from '../../supabase/local/jwt.ts';
import { answerIce, type IceDeps } from '../../src/lib/server/turn/ice.ts';
import { claimsFor } from './fixtures/tenancy.ts';
import { call, useChatWorld, uuid } from './fixtures/chat.ts';

const world = useChatWorld();
const { t, visitor, agent } = world;
const SECRET = 'turn-secret-for-the-spec';

const tokenFor = async (user: string, anonymous: boolean) =>
	`Bearer ${await signJwt(t().stack.config.jwtSecret, claimsFor({ user, anonymous }))}`;

function deps(env: Record<string, string> = {}): IceDeps {
	return { env, supabaseUrl: t().url, anonKey: t().anonKey, now: () => 1_700_000_000_000 };
}

async function conversation() {
	const v = await visitor('A');
	const started = await call<{ conversation_id: string }>(v.client, 'start_conversation', {});
	return { v, id: started.data!.conversation_id };
}

describe('GET /api/ice', () => {
	it('gives the visitor and the site’s members TURN credentials that coturn accepts', async () => {
		const { v, id } = await conversation();
		const a = await agent('A');
		const env = {
			TURN_URL: 'turn:127.0.0.1:3478?transport=udp',
			TURN_SECRET: SECRET,
			TURN_TTL_SECONDS: '600'
		};
		for (const [who, anonymous] of [
			[v.id, true],
			[a.id, false]
		] as const) {
			const answer = await answerIce(
				{ authorization: await tokenFor(who, anonymous), conversation: id },
				deps(env)
			);
			expect(answer.status).toBe(200);
			if (answer.status !== 200) return;
			const username = `${1_700_000_000 + 600}:${who}`;
			expect(answer.body).toEqual({
				iceServers: [
					{
						urls: ['turn:127.0.0.1:3478?transport=udp'],
						username,
						credential: createHmac('sha1', SECRET).update(username).digest('base64')
					}
				],
				expiresAt: 1_700_000_600,
				relay: true
			});
		}
	});

	it('gives no ICE servers without TURN (host candidates only)', async () => {
		const { v, id } = await conversation();
		const answer = await answerIce(
			{ authorization: await tokenFor(v.id, true), conversation: id },
			deps()
		);
		expect(answer).toEqual({
			status: 200,
			body: { iceServers: [], expiresAt: null, relay: false }
		});
	});

	it('refuses non-participants, bad tokens, bad input and a broken TURN setup', async () => {
		const { v, id } = await conversation();
		const other = await visitor('A');
		const otherSite = await agent('B');
		const env = { TURN_URL: 'turn:127.0.0.1:3478', TURN_SECRET: SECRET };
		const ask = async (authorization: string | null, conversation: string | null, e = env) =>
			(await answerIce({ authorization, conversation }, deps(e))).status;
		expect(await ask(await tokenFor(other.id, true), id)).toBe(403);
		expect(await ask(await tokenFor(otherSite.id, false), id)).toBe(403);
		expect(await ask(await tokenFor(v.id, true), uuid())).toBe(403);
		expect(await ask(null, id)).toBe(401);
		expect(await ask('Bearer not-a-jwt', id)).toBe(401);
		expect(await ask('Bearer a.b.c', id)).toBe(401);
		const token = await tokenFor(v.id, true);
		expect(await ask(token, null)).toBe(400);
		expect(await ask(token, 'conversation:1')).toBe(400);
		expect(await ask(token, id.toUpperCase())).toBe(400);
		expect(await ask(token, id, { TURN_URL: 'turn:127.0.0.1:3478', TURN_SECRET: '' })).toBe(503);
	});
});
