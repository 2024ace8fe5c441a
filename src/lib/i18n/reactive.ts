/**
 * A value Svelte templates and effects re-read when it changes, in plain TypeScript (no
 * runes), so modules that unit tests import under Node can hold it too.
 */
import { createSubscriber } from 'svelte/reactivity';

/** Holds a value; reading `current` inside an effect re-runs it on `set`. */
export class Signal<T> {
	#value: T;
	#notify = new Set<() => void>();
	#subscribe = createSubscriber((update) => {
		this.#notify.add(update);
		return () => this.#notify.delete(update);
	});

	constructor(value: T) {
		this.#value = value;
	}

	get current(): T {
		this.#subscribe();
		return this.#value;
	}

	set(value: T): void {
		if (Object.is(value, this.#value)) return;
		this.#value = value;
		for (const update of this.#notify) update();
	}
}
