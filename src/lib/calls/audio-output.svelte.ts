/**
 * The choice of audio output during a call, as Svelte state: what can be chosen, what is
 * chosen, and playing the call's sound there. Hidden (support 'none') where the browser cannot
 * choose; the choice is remembered on the device (see audio-output.ts).
 */
import {
	outputOptions,
	outputSupport,
	readRemembered,
	remember,
	resolveOutput,
	type AudioOutput,
	type OutputScope,
	type OutputSupport
} from './audio-output.ts';

type Sink = HTMLMediaElement & { setSinkId(id: string): Promise<void> };
type Devices = Pick<
	MediaDevices,
	'enumerateDevices' | 'addEventListener' | 'removeEventListener'
> & {
	selectAudioOutput?: (options?: { deviceId?: string }) => Promise<MediaDeviceInfo>;
};

/** What the choice needs from the browser (parameters, so it can be tested). */
export interface AudioOutputDeps {
	scope?: OutputScope;
	devices?: Devices;
	storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
	names: { default: string; unnamed: (n: number) => string };
}

function localStore(): Storage | null {
	try {
		return globalThis.localStorage ?? null;
	} catch {
		return null;
	}
}

export class AudioOutputChoice {
	#deps: AudioOutputDeps;
	#devices: Devices | undefined;
	#storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
	#support: OutputSupport;
	#options = $state.raw<AudioOutput[]>([]);
	#chosen = $state('');
	#error = $state('');

	constructor(deps: AudioOutputDeps) {
		this.#deps = deps;
		this.#support = outputSupport(deps.scope ?? (globalThis as unknown as OutputScope));
		this.#devices = deps.devices ?? (globalThis.navigator?.mediaDevices as Devices | undefined);
		this.#storage = deps.storage === undefined ? localStore() : deps.storage;
		if (this.#support === 'picker') {
			// The browser's prompt offers the devices; what it gave last time is used again.
			const remembered = readRemembered(this.#storage);
			this.#options = remembered ? [{ id: '', label: deps.names.default }, remembered] : [];
			this.#chosen = remembered?.id ?? '';
		}
	}

	get support(): OutputSupport {
		return this.#support;
	}
	/** The outputs to list (support 'list'), the default first. */
	get options(): readonly AudioOutput[] {
		return this.#options;
	}
	/** The chosen output's id; '' is the system's default. */
	get chosen(): string {
		return this.#chosen;
	}
	/** Why the last choice could not be applied (the browser's message), else ''. */
	get error(): string {
		return this.#error;
	}
	/** Whether there is anything to choose: a list of two or more, or the browser's prompt. */
	get offered(): boolean {
		return this.#support === 'picker' || (this.#support === 'list' && this.#options.length > 1);
	}

	/** Reads the outputs again (after the microphone was allowed, or a device came or went). */
	async refresh(): Promise<void> {
		if (this.#support !== 'list' || !this.#devices) return;
		const devices = await this.#devices.enumerateDevices().catch(() => []);
		const options = outputOptions(devices, this.#deps.names);
		this.#options = options;
		// Nothing chosen yet, or the chosen device went away (a headset unplugged): the remembered
		// one if it is there (it may come back), else the default.
		if (!this.#chosen || !options.some((o) => o.id === this.#chosen))
			this.#chosen = resolveOutput(options, readRemembered(this.#storage));
	}

	/** Follows devices coming and going; returns the function that stops it. */
	listen(): () => void {
		const devices = this.#devices;
		if (this.#support !== 'list' || !devices) return () => {};
		const changed = () => void this.refresh();
		devices.addEventListener('devicechange', changed);
		return () => devices.removeEventListener('devicechange', changed);
	}

	/** Chooses one of the listed outputs, and remembers it on this device. */
	choose(id: string): void {
		const output = this.#options.find((o) => o.id === id);
		if (!output) return;
		this.#chosen = output.id;
		remember(this.#storage, output);
	}

	/** Asks the browser's own prompt for an output (support 'picker'), and remembers it. */
	async pick(): Promise<void> {
		const select = this.#devices?.selectAudioOutput;
		if (this.#support !== 'picker' || !select) return;
		try {
			const device = await select.call(this.#devices, { deviceId: this.#chosen || undefined });
			const output = { id: device.deviceId, label: device.label || this.#deps.names.unnamed(1) };
			this.#options = [{ id: '', label: this.#deps.names.default }, output];
			this.#chosen = output.id;
			remember(this.#storage, output);
		} catch (err) {
			// Dismissing the prompt is no error.
			if (err instanceof Error && err.name !== 'NotAllowedError') this.#error = err.message;
		}
	}

	/** Plays `element`'s sound on the chosen output. */
	async apply(element: HTMLMediaElement): Promise<void> {
		if (this.#support === 'none') return;
		const sink = element as Sink;
		if (sink.sinkId === this.#chosen) return;
		try {
			await sink.setSinkId(this.#chosen);
			this.#error = '';
		} catch (err) {
			this.#error = err instanceof Error ? err.message : String(err);
		}
	}
}
