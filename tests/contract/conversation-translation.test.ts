/**
 * Translation's settings in the database (migration 20261208000100): a conversation's
 * translation switch and visitor language, which only the site's members change and both
 * sides hear about at once, and each agent's own language, which only they set.
 */
import { describe, expect, it } from 'vitest';
import { call, listen, useChatWorld, uuid, waitFor } from './fixtures/chat.ts';

const world = useChatWorld();
const { visitor, agent, sql } = world;

/** A conversation of site A started by a new visitor, and an agent of the site. */
async function conversation() {
	const v = await visitor('A');
	const started = await call<{ conversation_id: string }>(v.client, 'start_conversation', {});
	if (!started.data) throw new Error(`start failed: ${started.code} ${started.message}`);
	return { id: started.data.conversation_id, visitor: v, agent: await agent('A') };
}

const row = async (id: string) =>
	(
		await sql<{
			translation_enabled: boolean;
			visitor_language: string;
			visitor_language_source: string;
		}>(
			'select translation_enabled, visitor_language, visitor_language_source from public.conversations where id = $1',
			[id]
		)
	)[0];

describe('conversations.translation_enabled', () => {
	it('is on by default, and a member of the site turns it off for both sides at once', async () => {
		const c = await conversation();
		expect((await row(c.id)).translation_enabled).toBe(true);
		const { got } = await listen(c.visitor.client, `conversation:${c.id}`);
		const { error } = await c.agent.client
			.from('conversations')
			.update({ translation_enabled: false })
			.eq('id', c.id);
		expect(error).toBeNull();
		expect((await row(c.id)).translation_enabled).toBe(false);
		// The row as it was at the start may still be on its way when the visitor joins (a
		// loaded machine delivered it after the join): what counts is that the change arrives.
		const heard = await waitFor(
			() => got.find((m) => m.event === 'conversation' && m.payload.translation_enabled === false),
			'the changed conversation row on conversation:<id>'
		);
		expect(heard.payload).toMatchObject({ id: c.id, translation_enabled: false });
	});

	it('is not the visitor’s nor another site’s to change', async () => {
		const c = await conversation();
		const other = await agent('B');
		for (const client of [c.visitor.client, other.client]) {
			await client.from('conversations').update({ translation_enabled: false }).eq('id', c.id);
			expect((await row(c.id)).translation_enabled).toBe(true);
		}
		// Where the language came from is the server's to say.
		const { error } = await c.agent.client
			.from('conversations')
			.update({ visitor_language_source: 'detected' })
			.eq('id', c.id);
		expect(error?.code).toBe('42501');
	});
});

describe('conversations.visitor_language', () => {
	it('a member’s correction is a language tag, marked as the agent’s', async () => {
		const c = await conversation();
		const { error } = await c.agent.client
			.from('conversations')
			.update({ visitor_language: 'pt-BR' })
			.eq('id', c.id);
		expect(error).toBeNull();
		expect(await row(c.id)).toMatchObject({
			visitor_language: 'pt-BR',
			visitor_language_source: 'agent'
		});
		for (const bad of ['portuguese', 'e', 'es_ES', "es'; drop"]) {
			const refused = await c.agent.client
				.from('conversations')
				.update({ visitor_language: bad })
				.eq('id', c.id);
			expect(refused.error?.message, bad).toMatch(/invalid_language/);
		}
		expect((await row(c.id)).visitor_language).toBe('pt-BR');
	});

	it('drops the translations of the visitor’s messages made from the old language', async () => {
		const c = await conversation();
		const fromVisitor = uuid();
		const fromAgent = uuid();
		await sql(
			`insert into public.messages (id, conversation_id, sender_id, sender_kind, body) values
			   ($1, $3, $4, 'visitor', 'Olá'), ($2, $3, $5, 'agent', 'Hello')`,
			[fromVisitor, fromAgent, c.id, c.visitor.id, c.agent.id]
		);
		await sql(
			`insert into public.message_translations (message_id, conversation_id, language, body, provider)
			 values ($1, $3, 'en', 'Hi', 'apertium'), ($2, $3, 'es', 'Hola', 'apertium')`,
			[fromVisitor, fromAgent, c.id]
		);
		await c.agent.client.from('conversations').update({ visitor_language: 'pt' }).eq('id', c.id);
		const kept = await sql<{ message_id: string }>(
			'select message_id from public.message_translations where conversation_id = $1',
			[c.id]
		);
		expect(kept).toEqual([{ message_id: fromAgent }]);
	});
});

describe('set_agent_language', () => {
	it('keeps an agent’s language, for them to read and nobody else', async () => {
		const a = await agent('A');
		const colleague = await agent('A');
		expect((await call(a.client, 'set_agent_language', { language: 'es' })).code).toBeNull();
		expect((await call(a.client, 'set_agent_language', { language: 'fr-CA' })).code).toBeNull();
		const own = await a.client.from('agent_preferences').select('user_id, language');
		expect(own.data).toEqual([{ user_id: a.id, language: 'fr-CA' }]);
		const theirs = await colleague.client.from('agent_preferences').select('language');
		expect(theirs.data).toEqual([]);
		// Written through the function only.
		const direct = await a.client
			.from('agent_preferences')
			.update({ language: 'de' })
			.eq('user_id', a.id);
		expect(direct.error?.code).toBe('42501');
	});

	it('refuses visitors and anything that is not a language tag', async () => {
		const v = await visitor('A');
		expect((await call(v.client, 'set_agent_language', { language: 'es' })).code).toBe('42501');
		const a = await agent('A');
		for (const bad of ['', 'spanish', 'x', 'es-ES-'.padEnd(40, 'x')])
			expect((await call(a.client, 'set_agent_language', { language: bad })).code, bad).toBe(
				'22023'
			);
		expect(
			await sql('select 1 from public.agent_preferences where user_id = any($1)', [[v.id, a.id]])
		).toEqual([]);
	});
});
