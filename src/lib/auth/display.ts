/** How the interface names and places a signed-in person. */
import type { User } from '@supabase/supabase-js';

/** Agents are known by the name their owner gave them; everyone else by their email. */
export function displayName(user: Pick<User, 'email' | 'user_metadata'>): string {
	const name: unknown = user.user_metadata?.display_name;
	return typeof name === 'string' && name.trim() !== '' ? name : (user.email ?? '');
}

/** True for staff added by pairing: their place is the console, not the operator's pages. */
export function isPairedAgent(user: Pick<User, 'app_metadata'>): boolean {
	return user.app_metadata?.parley_role === 'agent';
}
