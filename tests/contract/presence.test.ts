/**
 * What the console's presence and away rely on: members of a site share presence on its
 * private `site:<id>` channel and see each other's {user_id, name, availability, open};
 * members of another site and visitors cannot join it (so cannot read or fake presence);
 * and the widget's truth stays the database: when the last online agent turns away,
 * `widget_state()` says nobody is online, and says so again when one comes back.
 */
import { describe, expect, it } from 'vitest';
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import { call, joinRefusal, useChatWorld, waitFor } from './fixtures/chat.ts';
import { WORLD } from './fixtures/tenancy.ts';

const world = useChatWorld();
const { visitor, agent } = world;
const TOPIC = `site:${WORLD.A.site}`;

/** Joins `site:A` with presence keyed by `userId` and tracks `payload`. */
async function present(
	client: SupabaseClient,
	userId: string,
	payload: Record<string, unknown>
): Promise<RealtimeChannel> {
	const channel = client.channel(TOPIC, {
		config: { private: true, presence: { key: userId, enabled: true } }
	});
	channel.on('presence', { event: 'sync' }, () => undefined);
	await new Promise<void>((resolve, reject) =>
		channel.subscribe((status, err) => {
			if (status === 'SUBSCRIBED') resolve();
			else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT')
				reject(err ?? new Error(status));
		})
	);
	expect(await channel.track(payload)).toBe('ok');
	return channel;
}

type Entry = { user_id: string; availability: string; open: number; name: string };
const entry = (channel: RealtimeChannel, userId: string): Entry | undefined =>
	(channel.presenceState()[userId] as unknown as Entry[] | undefined)?.[0];

describe('agent presence on site:<id>', () => {
	it('members see each other online and away with their open counts', async () => {
		const sam = await agent('A', { name: 'Sam' });
		const kim = await agent('A', { name: 'Kim' });
		const samChannel = await present(sam.client, sam.id, {
			user_id: sam.id,
			name: 'Sam',
			availability: 'online',
			open: 2
		});
		const kimChannel = await present(kim.client, kim.id, {
			user_id: kim.id,
			name: 'Kim',
			availability: 'online',
			open: 0
		});
		const seen = await waitFor(() => entry(kimChannel, sam.id), 'Kim sees Sam');
		expect(seen).toMatchObject({ user_id: sam.id, name: 'Sam', availability: 'online', open: 2 });
		await waitFor(() => entry(samChannel, kim.id), 'Sam sees Kim');

		// Sam turns away: Kim sees the change; Sam leaves: Kim sees Sam gone.
		await samChannel.track({ user_id: sam.id, name: 'Sam', availability: 'away', open: 2 });
		await waitFor(() => entry(kimChannel, sam.id)?.availability === 'away', 'Kim sees Sam away');
		await sam.client.removeChannel(samChannel);
		await waitFor(() => !entry(kimChannel, sam.id), 'Sam gone from Kim’s presence');
	});

	it('an agent of another site and a visitor cannot join it', async () => {
		const other = await agent('B');
		expect(await joinRefusal(other.client, TOPIC)).not.toBe('joined');
		const v = await visitor('A');
		expect(await joinRefusal(v.client, TOPIC)).not.toBe('joined');
	});
});

describe('the widget follows availability', () => {
	it('nobody online after the last agent goes away; online again when one returns', async () => {
		const v = await visitor('A');
		const online = async () =>
			(await call<{ agents_online: boolean }>(v.client, 'widget_state')).data?.agents_online;
		// The fixture's members may be online from other files' runs: start from a known state.
		await world.sql(`update public.site_members set availability = 'offline' where site_id = $1`, [
			WORLD.A.site
		]);
		expect(await online()).toBe(false);
		const sam = await agent('A', { online: true });
		const kim = await agent('A', { online: true });
		expect(await online()).toBe(true);

		expect(
			(await call(sam.client, 'set_agent_availability', { availability: 'away' })).code
		).toBeNull();
		expect(await online()).toBe(true); // Kim is still there
		expect(
			(await call(kim.client, 'set_agent_availability', { availability: 'away' })).code
		).toBeNull();
		expect(await online()).toBe(false);
		// The heartbeat of an away console does not make it online.
		expect((await call(kim.client, 'agent_heartbeat')).code).toBeNull();
		expect(await online()).toBe(false);

		expect(
			(await call(kim.client, 'set_agent_availability', { availability: 'online' })).code
		).toBeNull();
		expect(await online()).toBe(true);
		// Online but silent for over 90 s (a closed console) is not online.
		await world.sql(
			`update public.site_members set last_active_at = now() - interval '91 seconds' where user_id = $1`,
			[kim.id]
		);
		expect(await online()).toBe(false);
	});
});
