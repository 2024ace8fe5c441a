/**
 * The app badge (the number on the installed app's icon) shows unread conversations. Where
 * the Badging API is missing, or refuses (not installed, no permission), nothing happens.
 */
export interface BadgeNavigator {
	setAppBadge?(count?: number): Promise<void>;
	clearAppBadge?(): Promise<void>;
}

export class AppBadge {
	#nav: BadgeNavigator;
	#shown: number | null = null;

	constructor(nav: BadgeNavigator) {
		this.#nav = nav;
	}

	/** Shows `count` (clears at 0); does nothing when it is what the badge already shows. */
	show(count: number): void {
		const n = Number.isFinite(count) && count > 0 ? Math.floor(count) : 0;
		if (n === this.#shown) return;
		this.#shown = n;
		const done = n > 0 ? this.#nav.setAppBadge?.(n) : this.#nav.clearAppBadge?.();
		void done?.catch(() => {});
	}
}
