/**
 * Where a call's sound plays: which of the device's audio outputs (speaker, headset, Bluetooth)
 * the other side's voice goes to. Browsers differ: Chromium lists outputs (enumerateDevices)
 * and plays to any (`HTMLMediaElement.setSinkId`); Firefox plays to one the person picked in
 * its own prompt (`mediaDevices.selectAudioOutput`); Safari on iOS has neither, and the choice
 * is the system's. The choice is remembered on the device. Pure: the state lives in
 * `audio-output.svelte.ts`.
 */

/** Where the chosen output is kept on this device (localStorage). */
export const AUDIO_OUTPUT_STORAGE_KEY = 'parley.call.audioOutput';

/** An output one can choose. The empty id is the system's default output. */
export interface AudioOutput {
	id: string;
	label: string;
}

/** How this browser lets one choose: from a list, through its own prompt, or not at all. */
export type OutputSupport = 'list' | 'picker' | 'none';

/** What `outputSupport` looks at (the global object, as a parameter so it can be tested). */
export interface OutputScope {
	HTMLMediaElement?: { prototype: object };
	navigator?: { mediaDevices?: object };
}

/** How this browser lets one choose the output, if it does. */
export function outputSupport(scope: OutputScope): OutputSupport {
	const proto = scope.HTMLMediaElement?.prototype as { setSinkId?: unknown } | undefined;
	if (typeof proto?.setSinkId !== 'function') return 'none';
	const devices = scope.navigator?.mediaDevices as
		{ selectAudioOutput?: unknown; enumerateDevices?: unknown } | undefined;
	if (typeof devices?.selectAudioOutput === 'function') return 'picker';
	return typeof devices?.enumerateDevices === 'function' ? 'list' : 'none';
}

type Device = Pick<MediaDeviceInfo, 'kind' | 'deviceId' | 'label'>;

/**
 * The outputs to offer, in the browser's order: the system default first (as id ''), each
 * device once. Chromium's `default` and Windows' `communications` entries are aliases of a
 * real device, so `default` becomes the first entry (with its label, where it has one) and
 * `communications` is left out. Devices
 * without a label (before the microphone was allowed) are named by `unnamed(n)`.
 */
export function outputOptions(
	devices: readonly Device[],
	names: { default: string; unnamed: (n: number) => string }
): AudioOutput[] {
	const options: AudioOutput[] = [{ id: '', label: names.default }];
	let unnamed = 0;
	for (const d of devices) {
		if (d.kind !== 'audiooutput' || d.deviceId === 'communications') continue;
		if (d.deviceId === 'default' || d.deviceId === '') {
			// Chromium names it after the device it stands for ("Default - Speakers").
			if (d.label) options[0] = { id: '', label: d.label };
			continue;
		}
		if (options.some((o) => o.id === d.deviceId)) continue;
		options.push({ id: d.deviceId, label: d.label || names.unnamed(++unnamed) });
	}
	return options;
}

/**
 * Which output to use: the remembered one while it is there (found by id, else by its label:
 * ids change when a browser clears the site's data, names do not), else the default ('').
 */
export function resolveOutput(
	options: readonly AudioOutput[],
	remembered: AudioOutput | null
): string {
	if (!remembered?.id) return '';
	const byId = options.find((o) => o.id === remembered.id);
	if (byId) return byId.id;
	const byLabel = remembered.label
		? options.find((o) => o.id && o.label === remembered.label)
		: null;
	return byLabel?.id ?? '';
}

/** The output remembered on this device, if any (anything malformed counts as none). */
export function readRemembered(storage: Pick<Storage, 'getItem'> | null): AudioOutput | null {
	try {
		const value: unknown = JSON.parse(storage?.getItem(AUDIO_OUTPUT_STORAGE_KEY) ?? 'null');
		const { id, label } = (value ?? {}) as Partial<AudioOutput>;
		return typeof id === 'string' && typeof label === 'string' ? { id, label } : null;
	} catch {
		return null;
	}
}

/** Remembers `output` on this device; the default is remembered as nothing. */
export function remember(
	storage: Pick<Storage, 'setItem' | 'removeItem'> | null,
	output: AudioOutput
): void {
	try {
		if (!output.id) storage?.removeItem(AUDIO_OUTPUT_STORAGE_KEY);
		else storage?.setItem(AUDIO_OUTPUT_STORAGE_KEY, JSON.stringify(output));
	} catch {
		// Storage blocked (a partitioned iframe, private mode): the choice lasts this call only.
	}
}
