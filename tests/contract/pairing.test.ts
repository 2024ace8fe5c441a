/**
 * Pairing a device end to end through supabase-js: the owner's site comes back from its own
 * insert, device links ("open on your phone") are single use and short-lived, and the server's
 * pairing module turns invitation and device tokens into sessions on the new device.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { AGENT_EMAIL_DOMAIN, redeemPairingToken } from '../../src/lib/server/pairing.ts';
import { useTestStack } from './helpers/use-stack.ts';

const t = useTestStack();
let owner: SupabaseClient;
let ownerId: string;
let siteId: string;

beforeAll(async () => {
	owner = t().client();
	const { data, error } = await owner.auth.signUp({
		email: 'owner@pairing.test',
		password: 'owner-secret'
	});
	expect(error).toBeNull();
	ownerId = data.user!.id;
	const site = await owner
		.from('sites')
		.insert({ name: 'Pairing Co', allowed_origins: ['https://pairing.example'] })
		.select()
		.single();
	expect(site.error).toBeNull();
	siteId = site.data.id;
});

async function invitation(name = 'Sam'): Promise<{ id: string; token: string }> {
	const { data, error } = await owner.rpc('create_agent_invitation', { site_id: siteId, name });
	expect(error).toBeNull();
	return data;
}

describe('a new site', () => {
	it('comes back to its owner from the insert itself', async () => {
		const { data, error, status } = await owner
			.from('sites')
			.insert({ name: 'Returned' })
			.select('name, owner_id, site_key')
			.single();
		expect(error).toBeNull();
		expect(status).toBe(201);
		expect(data).toMatchObject({ name: 'Returned', owner_id: ownerId });
		expect(data?.site_key).toMatch(/^pk_[0-9A-Za-z]{24}$/);
	});
});

describe('device links', () => {
	it('are made for the caller, shown once, and supersede the previous unused one', async () => {
		const first = await owner.rpc('create_device_link');
		const second = await owner.rpc('create_device_link');
		expect(first.error).toBeNull();
		expect(second.data.token).toMatch(/^dev_[A-Za-z0-9_-]{43}$/);
		const expiresIn = Date.parse(second.data.expires_at) - Date.now();
		expect(expiresIn).toBeGreaterThan(14 * 60_000);
		expect(expiresIn).toBeLessThanOrEqual(15 * 60_000);
		const rows = await owner.from('device_links').select('id, user_id, used_at');
		expect(rows.data).toEqual([{ id: second.data.id, user_id: ownerId, used_at: null }]);
		const stale = await t().admin().rpc('redeem_device_link', { token: first.data.token });
		expect(stale.error?.message).toBe('unknown device link');
	});

	it('are refused to people without an account and to visitors', async () => {
		const anon = await t().client().rpc('create_device_link');
		expect(anon.error?.code).toBe('42501');
		const visitor = t().client();
		await visitor.auth.signInAnonymously();
		const asVisitor = await visitor.rpc('create_device_link');
		expect(asVisitor.error).toMatchObject({
			code: '42501',
			message: 'only signed-in members can link a device'
		});
	});

	it('can be redeemed only by the server, once, before they expire', async () => {
		const { data } = await owner.rpc('create_device_link');
		const byOwner = await owner.rpc('redeem_device_link', { token: data.token });
		expect(byOwner.error?.code).toBe('42501');
		const redeemed = await t().admin().rpc('redeem_device_link', { token: data.token });
		expect(redeemed.error).toBeNull();
		expect(redeemed.data).toEqual({ user_id: ownerId, link_id: data.id });
		const again = await t().admin().rpc('redeem_device_link', { token: data.token });
		expect(again.error).toMatchObject({ code: 'P0001', message: 'device link already used' });

		const late = await owner.rpc('create_device_link');
		await t().db.query(
			`update public.device_links set expires_at = now() - interval '1 second' where id = $1`,
			[late.data.id]
		);
		const expired = await t().admin().rpc('redeem_device_link', { token: late.data.token });
		expect(expired.error).toMatchObject({ code: 'P0001', message: 'device link expired' });
	});

	it('stay private to their person', async () => {
		await owner.rpc('create_device_link');
		const other = t().client();
		await other.auth.signUp({ email: 'other@pairing.test', password: 'other-secret' });
		const seen = await other.from('device_links').select('id');
		expect(seen.error).toBeNull();
		expect(seen.data).toEqual([]);
		const write = await other.from('device_links').insert({ token_hash: 'a'.repeat(64) });
		expect(write.error?.code).toBe('42501');
	});
});

describe('redeemPairingToken', () => {
	it('turns an invitation into a new agent signed in on the device', async () => {
		const { token } = await invitation('Sam');
		const outcome = await redeemPairingToken(t().admin(), token);
		expect(outcome).toMatchObject({ ok: true, kind: 'agent', siteId, displayName: 'Sam' });
		if (!outcome.ok) return;

		const device = t().client();
		const { data, error } = await device.auth.verifyOtp({
			token_hash: outcome.tokenHash,
			type: 'email'
		});
		expect(error).toBeNull();
		expect(data.session?.refresh_token).toBeTruthy();
		expect(data.user?.email).toMatch(new RegExp(`@${AGENT_EMAIL_DOMAIN.replace(/\./g, '\\.')}$`));
		expect(data.user?.user_metadata.display_name).toBe('Sam');
		expect(data.user?.app_metadata.parley_role).toBe('agent');
		const sites = await device.from('sites').select('id, name');
		expect(sites.data).toEqual([{ id: siteId, name: 'Pairing Co' }]);
		const role = await device.from('site_members').select('role').eq('user_id', data.user!.id);
		expect(role.data).toEqual([{ role: 'agent' }]);
	});

	it('refuses a used, revoked, expired, unknown or malformed token and creates nobody', async () => {
		const countUsers = async () =>
			(await t().db.query<{ n: number }>('select count(*)::int as n from auth.users')).rows[0].n;

		const used = await invitation('Used');
		expect((await redeemPairingToken(t().admin(), used.token)).ok).toBe(true);
		const before = await countUsers();
		expect(await redeemPairingToken(t().admin(), used.token)).toEqual({
			ok: false,
			refusal: 'used'
		});

		const revoked = await invitation('Revoked');
		await owner.rpc('revoke_agent_invitation', { invitation_id: revoked.id });
		expect(await redeemPairingToken(t().admin(), revoked.token)).toEqual({
			ok: false,
			refusal: 'revoked'
		});

		const expired = await invitation('Expired');
		await t().db.query(
			`update public.agent_invitations set expires_at = now() - interval '1 second' where id = $1`,
			[expired.id]
		);
		expect(await redeemPairingToken(t().admin(), expired.token)).toEqual({
			ok: false,
			refusal: 'expired'
		});

		expect(await redeemPairingToken(t().admin(), 'pair_' + 'A'.repeat(43))).toEqual({
			ok: false,
			refusal: 'unknown'
		});
		for (const bad of ['', 'pair_short', 42, null, 'pair_' + 'A'.repeat(43) + "'; --"])
			expect(await redeemPairingToken(t().admin(), bad)).toEqual({
				ok: false,
				refusal: 'malformed'
			});
		expect(await countUsers()).toBe(before);
	});

	it('signs the owner in on their own phone with a device link', async () => {
		const { data } = await owner.rpc('create_device_link');
		const outcome = await redeemPairingToken(t().admin(), data.token);
		expect(outcome).toMatchObject({ ok: true, kind: 'device', siteId: null });
		if (!outcome.ok) return;
		const phone = t().client();
		const session = await phone.auth.verifyOtp({
			token_hash: outcome.tokenHash,
			type: 'email'
		});
		expect(session.error).toBeNull();
		expect(session.data.user?.id).toBe(ownerId);
		expect(await redeemPairingToken(t().admin(), data.token)).toEqual({
			ok: false,
			refusal: 'used'
		});
	});

	it('refuses an expired or unknown device link and leaves it as it was', async () => {
		const { data } = await owner.rpc('create_device_link');
		await t().db.query(
			`update public.device_links set expires_at = now() - interval '1 second' where id = $1`,
			[data.id]
		);
		expect(await redeemPairingToken(t().admin(), data.token)).toEqual({
			ok: false,
			refusal: 'expired'
		});
		const row = await t().db.query<{ used_at: string | null }>(
			'select used_at from public.device_links where id = $1',
			[data.id]
		);
		expect(row.rows).toEqual([{ used_at: null }]);
		expect(await redeemPairingToken(t().admin(), 'dev_' + 'Z'.repeat(43))).toEqual({
			ok: false,
			refusal: 'unknown'
		});
	});
});
