/**
 * Who of the site's staff is in the console: each console tracks itself in the presence of
 * the private `site:<id>` channel ({user_id, name, availability, open}). Presence comes from
 * the network, so every entry is checked; an agent with several devices shows once (online
 * if any device is, the largest open count).
 */

export interface AgentPresence {
	user_id: string;
	name: string;
	availability: 'online' | 'away';
	/** Open conversations assigned to the agent. */
	open: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_NAME = 100;
const MAX_OPEN = 100_000;

/** A presence entry, or null when it is not one of ours. */
export function asAgentPresence(value: unknown): AgentPresence | null {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
	const v = value as Record<string, unknown>;
	if (typeof v.user_id !== 'string' || !UUID.test(v.user_id)) return null;
	if (v.availability !== 'online' && v.availability !== 'away') return null;
	if (typeof v.open !== 'number' || !Number.isInteger(v.open) || v.open < 0 || v.open > MAX_OPEN)
		return null;
	const name = typeof v.name === 'string' ? v.name.trim().slice(0, MAX_NAME) : '';
	return { user_id: v.user_id, name, availability: v.availability, open: v.open };
}

/** The staff in a presence state (`channel.presenceState()`), online first, then by name. */
export function rosterOf(state: unknown): AgentPresence[] {
	if (typeof state !== 'object' || state === null) return [];
	const byUser = new Map<string, AgentPresence>();
	for (const metas of Object.values(state as Record<string, unknown>)) {
		if (!Array.isArray(metas)) continue;
		for (const meta of metas) {
			const entry = asAgentPresence(meta);
			if (!entry) continue;
			const held = byUser.get(entry.user_id);
			byUser.set(
				entry.user_id,
				held
					? {
							user_id: entry.user_id,
							name: held.name || entry.name,
							availability:
								held.availability === 'online' || entry.availability === 'online'
									? 'online'
									: 'away',
							open: Math.max(held.open, entry.open)
						}
					: entry
			);
		}
	}
	return [...byUser.values()].sort(
		(a, b) =>
			(a.availability === b.availability ? 0 : a.availability === 'online' ? -1 : 1) ||
			a.name.localeCompare(b.name) ||
			(a.user_id < b.user_id ? -1 : 1)
	);
}

/** The entry this console tracks; `offline` agents are not tracked at all. */
export function myPresence(
	userId: string,
	name: string,
	availability: 'online' | 'away' | 'offline',
	open: number
): AgentPresence | null {
	if (availability === 'offline') return null;
	return { user_id: userId, name, availability, open: Math.max(0, Math.floor(open)) };
}
