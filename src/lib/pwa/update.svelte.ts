/** The service worker's registration and update state, for the console's update prompt. */
import { Workbox, type WorkboxLifecycleEvent } from 'workbox-window';

/** How often a long-open console asks the server whether a newer build exists. */
export const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

/** How long the console waits before each new try at a first install that failed; the last repeats. */
export const INSTALL_RETRY_MS = [5_000, 30_000, 5 * 60 * 1000, UPDATE_CHECK_INTERVAL_MS];

export class ServiceWorkerUpdate {
	#updateWaiting = $state(false);
	#workbox: Workbox | null = null;
	/** True once this page asked the waiting worker to take over. */
	#applying = false;
	/** True when another tab's update already took over this page: only a reload is left. */
	#reloadOnly = false;
	#reload: () => void;

	/** `reload` defaults to reloading the page; it is what runs once the new worker controls it. */
	constructor(reload: () => void = () => location.reload()) {
		this.#reload = reload;
	}

	/** True when a newer build is installed and waits for the person to accept it. */
	get updateWaiting(): boolean {
		return this.#updateWaiting;
	}

	/**
	 * Registers the worker script at `scriptUrl` in `container` (usually
	 * `navigator.serviceWorker`) and follows its updates; returns the function that stops.
	 */
	start(scriptUrl: string, container: ServiceWorkerContainer | undefined): () => void {
		if (!container) return () => {};
		let stopped = false;
		let failures = 0;
		let retry: ReturnType<typeof setTimeout> | undefined;
		let unfollow = () => {};
		// A first install that fails (one of its files did not load) takes its registration with
		// it, and the browser tries again only on the next visit. A console stays open all day,
		// so it tries again itself, later each time, until a worker controls the page.
		const installFailed = () => {
			if (stopped || retry !== undefined || container.controller) return;
			const delay = INSTALL_RETRY_MS[Math.min(failures, INSTALL_RETRY_MS.length - 1)];
			failures += 1;
			retry = setTimeout(() => {
				retry = undefined;
				unfollow();
				unfollow = this.#follow(scriptUrl, container, installFailed);
			}, delay);
		};
		unfollow = this.#follow(scriptUrl, container, installFailed);
		const timer = setInterval(() => {
			void this.#workbox?.update().catch(() => {
				// Offline or the server is restarting: the next check tries again.
			});
		}, UPDATE_CHECK_INTERVAL_MS);

		return () => {
			stopped = true;
			clearTimeout(retry);
			clearInterval(timer);
			unfollow();
		};
	}

	/** Registers the worker once and follows it; `installFailed` hears of a failed first install. */
	#follow(
		scriptUrl: string,
		container: ServiceWorkerContainer,
		installFailed: () => void
	): () => void {
		const workbox = new Workbox(scriptUrl);
		this.#workbox = workbox;

		const onWaiting = () => {
			this.#updateWaiting = true;
		};
		const onControlling = (event: WorkboxLifecycleEvent) => {
			if (this.#applying) {
				this.#reload();
				return;
			}
			// The first install takes over quietly; a new build that another tab let in leaves
			// this page on old code, and only a reload fixes that.
			if (!event.isUpdate) return;
			this.#reloadOnly = true;
			this.#updateWaiting = true;
		};
		// A worker also turns redundant when a newer one replaces it; then a worker controls
		// the page and nothing is retried.
		const onRedundant = (event: WorkboxLifecycleEvent) => {
			if (!event.isExternal && !container.controller) installFailed();
		};
		workbox.addEventListener('waiting', onWaiting);
		workbox.addEventListener('controlling', onControlling);
		workbox.addEventListener('redundant', onRedundant);
		workbox.register().catch((error: unknown) => {
			// Without a worker the console still works online; the failure is worth seeing.
			console.error('Service worker registration failed', error);
			installFailed();
		});

		return () => {
			workbox.removeEventListener('waiting', onWaiting);
			workbox.removeEventListener('controlling', onControlling);
			workbox.removeEventListener('redundant', onRedundant);
			if (this.#workbox === workbox) this.#workbox = null;
		};
	}

	/** Lets the waiting build take over, then reloads the page into it. */
	applyUpdate(): void {
		if (this.#reloadOnly || !this.#workbox) {
			this.#reload();
			return;
		}
		this.#applying = true;
		this.#workbox.messageSkipWaiting();
	}
}
