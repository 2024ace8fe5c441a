/**
 * Two-factor sign-in for operators, enforced by the database: once an owner has a verified
 * TOTP factor, changing their sites, staff and pairing links and linking a device of their own
 * need a session that passed it (`aal2`); reading stays open to `aal1` sessions, and agents,
 * who have no factor, are unaffected. Through supabase-js, with codes computed from the secret.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { totp } from '../../supabase/local/auth/totp.ts';
import { useTestStack } from './helpers/use-stack.ts';

const t = useTestStack();
const EMAIL = 'owner@second-factor.test';
const PASSWORD = 'owner-secret';
let secret = '';
let factorId = '';
let siteId = '';

async function signedIn(): Promise<SupabaseClient> {
	const client = t().client();
	const { error } = await client.auth.signInWithPassword({ email: EMAIL, password: PASSWORD });
	expect(error).toBeNull();
	return client;
}

/** Passes the second factor on `client`'s session (a code of the current step). */
async function secondFactor(client: SupabaseClient): Promise<void> {
	const { error } = await client.auth.mfa.challengeAndVerify({ factorId, code: totp(secret) });
	expect(error).toBeNull();
}

const rename = (client: SupabaseClient, name: string) =>
	client.from('sites').update({ name }).eq('id', siteId).select('name');

beforeAll(async () => {
	const owner = t().client();
	expect((await owner.auth.signUp({ email: EMAIL, password: PASSWORD })).error).toBeNull();
	const site = await owner
		.from('sites')
		.insert({ name: 'Guarded', allowed_origins: ['https://guarded.example'] })
		.select('id')
		.single();
	expect(site.error).toBeNull();
	siteId = site.data!.id;
	// Before any factor, an aal1 session does everything.
	expect((await rename(owner, 'Guarded Co')).data).toEqual([{ name: 'Guarded Co' }]);
	const enrolled = await owner.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'Phone' });
	expect(enrolled.error).toBeNull();
	factorId = enrolled.data!.id;
	secret = enrolled.data!.totp.secret;
	await secondFactor(owner);
});

describe('an owner with two-factor sign-in', () => {
	it('reads their sites from an aal1 session, and is told aal2 is next', async () => {
		const client = await signedIn();
		const level = await client.auth.mfa.getAuthenticatorAssuranceLevel();
		expect(level.data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal2' });
		const { data, error } = await client.from('sites').select('name').eq('id', siteId);
		expect(error).toBeNull();
		expect(data).toEqual([{ name: 'Guarded Co' }]);
	});

	it('changes nothing from an aal1 session: sites, staff, pairing links, device links', async () => {
		const client = await signedIn();
		const renamed = await rename(client, 'Hijacked');
		expect(renamed.data).toEqual([]);
		const created = await client
			.from('sites')
			.insert({ name: 'Sneaky', allowed_origins: ['https://sneaky.example'] })
			.select('id');
		expect(created.error?.code).toBe('42501');
		const deleted = await client.from('sites').delete().eq('id', siteId).select('id');
		expect(deleted.data).toEqual([]);
		for (const [fn, args] of [
			['create_agent_invitation', { site_id: siteId, name: 'Sam' }],
			['create_device_link', {}]
		] as const) {
			const { error } = await client.rpc(fn, args);
			expect(error, fn).toMatchObject({
				code: '42501',
				message: 'this needs your two-factor sign-in',
				hint: 'Enter the code from your authenticator app, then try again.'
			});
		}
		const check = await t().db.query<{ name: string }>(
			'select name from public.sites where id = $1',
			[siteId]
		);
		expect(check.rows).toEqual([{ name: 'Guarded Co' }]);
	});

	it('does all of it once the session passed the second factor', async () => {
		const client = await signedIn();
		await secondFactor(client);
		const level = await client.auth.mfa.getAuthenticatorAssuranceLevel();
		expect(level.data?.currentLevel).toBe('aal2');
		expect((await rename(client, 'Guarded Ltd')).data).toEqual([{ name: 'Guarded Ltd' }]);
		const invitation = await client.rpc('create_agent_invitation', {
			site_id: siteId,
			name: 'Sam'
		});
		expect(invitation.error).toBeNull();
		const revoked = await client.rpc('revoke_agent_invitation', {
			invitation_id: invitation.data.id
		});
		expect(revoked.error).toBeNull();
		expect((await client.rpc('create_device_link')).error).toBeNull();
	});

	it('leaves other people alone: a member without a factor links a device from aal1', async () => {
		const other = t().client();
		const { error } = await other.auth.signUp({
			email: 'agent@second-factor.test',
			password: 'pw-agent'
		});
		expect(error).toBeNull();
		expect((await other.rpc('create_device_link')).error).toBeNull();
		const own = await other
			.from('sites')
			.insert({ name: 'Unguarded', allowed_origins: ['https://unguarded.example'] })
			.select('name')
			.single();
		expect(own.error).toBeNull();
	});

	it('opens everything to aal1 again once the factor is removed (from an aal2 session)', async () => {
		const client = await signedIn();
		await secondFactor(client);
		expect((await client.auth.mfa.unenroll({ factorId })).error).toBeNull();
		const plain = await signedIn();
		expect((await rename(plain, 'Open Again')).data).toEqual([{ name: 'Open Again' }]);
	});
});
