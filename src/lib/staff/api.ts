/** The owner's staff tools: pairing invitations and members, through supabase-js RPCs and RLS. */
import type { SupabaseClient } from '@supabase/supabase-js';
import { followTables } from '$lib/data/live.ts';
import { failure, type Result } from '$lib/data/result.ts';

/** A pairing invitation as its site's owner sees it (the token itself is never stored). */
export interface AgentInvitation {
	id: string;
	site_id: string;
	name: string;
	email: string | null;
	expires_at: string;
	used_at: string | null;
	revoked_at: string | null;
	created_at: string;
}

/** A person on a site's staff. */
export interface SiteMember {
	site_id: string;
	user_id: string;
	role: 'owner' | 'agent';
	display_name: string;
	created_at: string;
}

/** What creating an invitation returns: the token is shown once, as a link and a QR code. */
export interface NewInvitation {
	id: string;
	token: string;
	expires_at: string;
}

export type InvitationState = 'pending' | 'used' | 'revoked' | 'expired';

/** Where an invitation stands at `now`. */
export function invitationState(invitation: AgentInvitation, now: Date): InvitationState {
	if (invitation.used_at) return 'used';
	if (invitation.revoked_at) return 'revoked';
	if (Date.parse(invitation.expires_at) <= now.getTime()) return 'expired';
	return 'pending';
}

/** The link a phone or tablet opens to pair; the token rides in the fragment, never in logs. */
export function pairingLink(appOrigin: string, token: string): string {
	return `${appOrigin}/pair#${token}`;
}

/** Invites a person by name (email optional); only the site's owner may. */
export async function createInvitation(
	client: SupabaseClient,
	siteId: string,
	name: string,
	email: string | null
): Promise<Result<NewInvitation>> {
	const { data, error } = await client.rpc('create_agent_invitation', {
		site_id: siteId,
		name,
		email
	});
	return error ? failure(error) : { ok: true, value: data as NewInvitation };
}

/** Revokes an unused invitation so its link stops working. */
export async function revokeInvitation(
	client: SupabaseClient,
	invitationId: string
): Promise<Result<void>> {
	const { error } = await client.rpc('revoke_agent_invitation', { invitation_id: invitationId });
	return error ? failure(error) : { ok: true, value: undefined };
}

/** A site's invitations, newest first. */
export async function listInvitations(
	client: SupabaseClient,
	siteId: string
): Promise<Result<AgentInvitation[]>> {
	const { data, error } = await client
		.from('agent_invitations')
		.select('id, site_id, name, email, expires_at, used_at, revoked_at, created_at')
		.eq('site_id', siteId)
		.order('created_at', { ascending: false });
	return error ? failure(error) : { ok: true, value: data as AgentInvitation[] };
}

/** A site's members, the owner first. */
export async function listMembers(
	client: SupabaseClient,
	siteId: string
): Promise<Result<SiteMember[]>> {
	const { data, error } = await client
		.from('site_members')
		.select('site_id, user_id, role, display_name, created_at')
		.eq('site_id', siteId)
		.order('role', { ascending: false })
		.order('created_at');
	return error ? failure(error) : { ok: true, value: data as SiteMember[] };
}

/** Removes an agent from the site; their sessions end unless another site still has them. */
export async function removeMember(
	client: SupabaseClient,
	siteId: string,
	userId: string
): Promise<Result<void>> {
	const { error } = await client.rpc('remove_site_member', { site_id: siteId, user_id: userId });
	return error ? failure(error) : { ok: true, value: undefined };
}

/** A one-time link that signs the caller's own phone or tablet in (15 minutes, single use). */
export async function createDeviceLink(client: SupabaseClient): Promise<Result<NewInvitation>> {
	const { data, error } = await client.rpc('create_device_link');
	return error ? failure(error) : { ok: true, value: data as NewInvitation };
}

/** A site's staff as its owner sees it: the people and the pairing links. */
export interface Staff {
	members: SiteMember[];
	invitations: AgentInvitation[];
}

/** Reads a site's members and invitations together. */
export async function loadStaff(client: SupabaseClient, siteId: string): Promise<Result<Staff>> {
	const [members, invitations] = await Promise.all([
		listMembers(client, siteId),
		listInvitations(client, siteId)
	]);
	if (!members.ok) return members;
	if (!invitations.ok) return invitations;
	return { ok: true, value: { members: members.value, invitations: invitations.value } };
}

/**
 * Keeps a site's staff current: a link opened on a phone, revoked in another tab, or an agent
 * removed shows up without a reload. Returns the function that stops following.
 */
export function followStaff(
	client: SupabaseClient,
	siteId: string,
	onStaff: (staff: Result<Staff>) => void
): () => void {
	let stopped = false;
	const filter = `site_id=eq.${siteId}`;
	const stop = followTables(
		client,
		`site-staff:${siteId}`,
		[
			{ table: 'site_members', filter },
			{ table: 'agent_invitations', filter }
		],
		async () => {
			const staff = await loadStaff(client, siteId);
			if (!stopped) onStaff(staff);
		}
	);
	return () => {
		stopped = true;
		stop();
	};
}
