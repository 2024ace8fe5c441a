/**
 * The site's staff in the console: who is online or away and how many open conversations
 * each has, from the presence of `site:<id>`. Add `listener` to the site's feed.
 */
import type { SiteFeedListener } from '$lib/monitoring/site-feed.ts';
import { rosterOf, type AgentPresence } from './roster.ts';

export class TeamPresence {
	#roster = $state.raw<AgentPresence[]>([]);

	/** Everyone in the console now, online first. */
	get roster(): AgentPresence[] {
		return this.#roster;
	}
	/** How many are online. */
	get online(): number {
		return this.#roster.filter((a) => a.availability === 'online').length;
	}

	readonly listener: SiteFeedListener = {
		presence: (state) => (this.#roster = rosterOf(state))
	};
}
