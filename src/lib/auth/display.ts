/** How the interface names a signed-in person. */
import type { User } from '@supabase/supabase-js';

/** Agents are known by the name their owner gave them; everyone else by their email. */
export function displayName(user: Pick<User, 'email' | 'user_metadata'>): string {
	const name: unknown = user.user_metadata?.display_name;
	return typeof name === 'string' && name.trim() !== '' ? name : (user.email ?? '');
}
