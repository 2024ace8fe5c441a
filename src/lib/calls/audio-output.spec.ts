import { describe, expect, it } from 'vitest';
import {
	AUDIO_OUTPUT_STORAGE_KEY,
	outputOptions,
	outputSupport,
	readRemembered,
	remember,
	resolveOutput
} from './audio-output.ts';

const fn = () => undefined;
const names = { default: 'Default', unnamed: (n: number) => `Speaker ${n}` };

/** A Storage stand-in over a Map. */
function memoryStorage() {
	const map = new Map<string, string>();
	return {
		map,
		getItem: (k: string) => map.get(k) ?? null,
		setItem: (k: string, v: string) => void map.set(k, v),
		removeItem: (k: string) => void map.delete(k)
	};
}

describe('outputSupport', () => {
	it('lists outputs where media elements can play to a chosen one (Chromium)', () => {
		expect(
			outputSupport({
				HTMLMediaElement: { prototype: { setSinkId: fn } },
				navigator: { mediaDevices: { enumerateDevices: fn } }
			})
		).toBe('list');
	});

	it('uses the browser’s own prompt where it has one (Firefox)', () => {
		expect(
			outputSupport({
				HTMLMediaElement: { prototype: { setSinkId: fn } },
				navigator: { mediaDevices: { enumerateDevices: fn, selectAudioOutput: fn } }
			})
		).toBe('picker');
	});

	it('offers nothing where media elements cannot choose (iOS Safari) or there are no devices', () => {
		expect(
			outputSupport({
				HTMLMediaElement: { prototype: {} },
				navigator: { mediaDevices: { enumerateDevices: fn, selectAudioOutput: fn } }
			})
		).toBe('none');
		expect(outputSupport({ HTMLMediaElement: { prototype: { setSinkId: fn } } })).toBe('none');
		expect(outputSupport({})).toBe('none');
	});
});

describe('outputOptions', () => {
	it('puts the default first, named after its device, and lists each output once', () => {
		expect(
			outputOptions(
				[
					{ kind: 'audioinput', deviceId: 'mic', label: 'Microphone' },
					{ kind: 'audiooutput', deviceId: 'default', label: 'Default - Speakers' },
					{ kind: 'audiooutput', deviceId: 'communications', label: 'Communications - Headset' },
					{ kind: 'audiooutput', deviceId: 'spk', label: 'Speakers' },
					{ kind: 'audiooutput', deviceId: 'hs', label: 'Headset' },
					{ kind: 'audiooutput', deviceId: 'hs', label: 'Headset' }
				],
				names
			)
		).toEqual([
			{ id: '', label: 'Default - Speakers' },
			{ id: 'spk', label: 'Speakers' },
			{ id: 'hs', label: 'Headset' }
		]);
	});

	it('names outputs without a label, and the default when the browser lists none', () => {
		expect(
			outputOptions(
				[
					{ kind: 'audiooutput', deviceId: 'a', label: '' },
					{ kind: 'audiooutput', deviceId: 'b', label: '' }
				],
				names
			)
		).toEqual([
			{ id: '', label: 'Default' },
			{ id: 'a', label: 'Speaker 1' },
			{ id: 'b', label: 'Speaker 2' }
		]);
		expect(outputOptions([], names)).toEqual([{ id: '', label: 'Default' }]);
	});
});

describe('resolveOutput', () => {
	const options = [
		{ id: '', label: 'Default' },
		{ id: 'spk', label: 'Speakers' },
		{ id: 'hs2', label: 'Headset' }
	];

	it.each<[string, { id: string; label: string } | null, string]>([
		['nothing remembered: the default', null, ''],
		['the remembered device, by its id', { id: 'spk', label: 'Speakers' }, 'spk'],
		['the remembered device under a new id, by its name', { id: 'hs1', label: 'Headset' }, 'hs2'],
		['a device no longer there: the default', { id: 'bt', label: 'Car' }, ''],
		['the default remembered: the default', { id: '', label: 'Default' }, '']
	])('%s', (_, remembered, id) => {
		expect(resolveOutput(options, remembered)).toBe(id);
	});
});

describe('remembering the choice', () => {
	it('keeps a chosen device on this device, and forgets it when the default is chosen', () => {
		const storage = memoryStorage();
		remember(storage, { id: 'hs', label: 'Headset' });
		expect(JSON.parse(storage.map.get(AUDIO_OUTPUT_STORAGE_KEY)!)).toEqual({
			id: 'hs',
			label: 'Headset'
		});
		expect(readRemembered(storage)).toEqual({ id: 'hs', label: 'Headset' });
		remember(storage, { id: '', label: 'Default' });
		expect(readRemembered(storage)).toBeNull();
	});

	it('reads anything malformed, or no storage at all, as nothing remembered', () => {
		const storage = memoryStorage();
		for (const value of ['{', '42', '{"id":3}', 'null']) {
			storage.map.set(AUDIO_OUTPUT_STORAGE_KEY, value);
			expect(readRemembered(storage)).toBeNull();
		}
		expect(readRemembered(null)).toBeNull();
	});

	it('goes on when storage refuses to write (a partitioned iframe)', () => {
		const refusing = {
			setItem: () => {
				throw new DOMException('blocked', 'SecurityError');
			},
			removeItem: () => {
				throw new DOMException('blocked', 'SecurityError');
			}
		};
		expect(() => remember(refusing, { id: 'hs', label: 'Headset' })).not.toThrow();
	});
});
