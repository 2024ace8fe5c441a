/** The service worker's registration and update state, for the console's update prompt. */
import { Workbox, type WorkboxLifecycleEvent } from 'workbox-window';

/** How often a long-open console asks the server whether a newer build exists. */
export const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

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
		workbox.addEventListener('waiting', onWaiting);
		workbox.addEventListener('controlling', onControlling);
		workbox.register().catch((error: unknown) => {
			// Without a worker the console still works online; the failure is worth seeing.
			console.error('Service worker registration failed', error);
		});
		const timer = setInterval(() => {
			void workbox.update().catch(() => {
				// Offline or the server is restarting: the next check tries again.
			});
		}, UPDATE_CHECK_INTERVAL_MS);

		return () => {
			clearInterval(timer);
			workbox.removeEventListener('waiting', onWaiting);
			workbox.removeEventListener('controlling', onControlling);
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
