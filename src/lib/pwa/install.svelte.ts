/** Whether the console can be installed on this device, and the browser's install prompt. */
import { browserSignals, installHint, type InstallHint } from './install-hint.ts';

/** Chromium's `beforeinstallprompt` event (not in TypeScript's DOM types). */
export interface BeforeInstallPromptEvent extends Event {
	prompt(): Promise<unknown>;
	readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed'; platform?: string }>;
}

/** localStorage key remembering that the person closed the install offer on this device. */
export const INSTALL_OFFER_DISMISSED_KEY = 'parley.pwa.installOfferDismissed';

/** What `install()` ended with. */
export type InstallOutcome = 'accepted' | 'dismissed' | 'unavailable';

function isInstallPrompt(event: Event): event is BeforeInstallPromptEvent {
	const candidate = event as Partial<BeforeInstallPromptEvent>;
	return typeof candidate.prompt === 'function' && candidate.userChoice instanceof Promise;
}

export class InstallState {
	#prompt = $state<BeforeInstallPromptEvent | null>(null);
	#installed = $state(false);
	#dismissed = $state(false);
	#hint = $state<InstallHint>('desktop');
	/** False until `connect` has read the device's state, so nothing flashes before that. */
	#connected = $state(false);
	#storage: Storage | null = null;

	/** True when the browser handed us its install prompt, so one button can install. */
	get canPrompt(): boolean {
		return this.#prompt !== null;
	}

	/** True when the console runs as an installed app, or was just installed. */
	get installed(): boolean {
		return this.#installed;
	}

	/** True when the person closed the offer on this device. */
	get dismissed(): boolean {
		return this.#dismissed;
	}

	/** Which manual instructions fit this browser when there is no prompt. */
	get hint(): InstallHint {
		return this.#hint;
	}

	/** True when the offer should be on screen. */
	get offerVisible(): boolean {
		return this.#connected && !this.#installed && !this.#dismissed;
	}

	/** Follows a window's install events and display mode; returns the function that stops. */
	connect(win: Window): () => void {
		this.#storage = storageOf(win);
		this.#dismissed = this.#storage?.getItem(INSTALL_OFFER_DISMISSED_KEY) === '1';
		this.#hint = installHint(browserSignals(win));

		const standalone = win.matchMedia('(display-mode: standalone)');
		// iOS Safari's own flag for a page opened from the home screen.
		const iosStandalone = (win.navigator as Navigator & { standalone?: boolean }).standalone;
		this.#installed = standalone.matches || iosStandalone === true;

		const onDisplayMode = (event: MediaQueryListEvent) => {
			if (event.matches) this.#installed = true;
		};
		const onPrompt = (event: Event) => {
			if (!isInstallPrompt(event)) return;
			// Keep the browser's mini-infobar away; the console offers installation itself.
			event.preventDefault();
			this.#prompt = event;
		};
		const onInstalled = () => {
			this.#installed = true;
			this.#prompt = null;
		};
		standalone.addEventListener('change', onDisplayMode);
		win.addEventListener('beforeinstallprompt', onPrompt);
		win.addEventListener('appinstalled', onInstalled);
		this.#connected = true;
		return () => {
			standalone.removeEventListener('change', onDisplayMode);
			win.removeEventListener('beforeinstallprompt', onPrompt);
			win.removeEventListener('appinstalled', onInstalled);
		};
	}

	/** Shows the browser's install prompt and waits for the person's answer. */
	async install(): Promise<InstallOutcome> {
		const prompt = this.#prompt;
		if (!prompt) return 'unavailable';
		// A prompt event can be used once; the browser fires a new one if it may ask again.
		this.#prompt = null;
		await prompt.prompt();
		const { outcome } = await prompt.userChoice;
		if (outcome === 'accepted') this.#installed = true;
		return outcome;
	}

	/** Hides the offer on this device for good. */
	dismiss(): void {
		this.#dismissed = true;
		try {
			this.#storage?.setItem(INSTALL_OFFER_DISMISSED_KEY, '1');
		} catch {
			// Storage full or blocked: the offer stays hidden until the page reloads.
		}
	}
}

/** The window's localStorage, or null where the browser blocks it (it throws on access). */
function storageOf(win: Window): Storage | null {
	try {
		return win.localStorage;
	} catch {
		return null;
	}
}
