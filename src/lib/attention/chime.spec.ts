import { describe, expect, it, vi } from 'vitest';
import { AppBadge } from './badge.ts';
import { Chime, MIN_RING_GAP_MS, type AudioContextLike } from './chime.ts';

function fakeContext(initial: AudioContextState = 'suspended') {
	const started: number[] = [];
	const param = () => ({
		value: 0,
		setValueAtTime: vi.fn(),
		exponentialRampToValueAtTime: vi.fn()
	});
	const node = () => ({ connect: (n: unknown) => n });
	const ctx = {
		state: initial,
		currentTime: 0,
		destination: {},
		resume: vi.fn(async () => void (ctx.state = 'running')),
		createGain: () => ({ ...node(), gain: param() }),
		createOscillator: () => ({
			...node(),
			type: 'sine',
			frequency: param(),
			start: (at: number) => started.push(at),
			stop: vi.fn()
		})
	};
	return { ctx: ctx as unknown as AudioContextLike & { state: AudioContextState }, started };
}

describe('Chime', () => {
	it('is locked until unlocked, then plays', async () => {
		const { ctx, started } = fakeContext();
		const chime = new Chime({ createContext: () => ctx });
		expect(chime.unlocked).toBe(false);
		expect(chime.ring('message', 0)).toBe(false); // no sound, no vibration: quiet
		expect(await chime.unlock()).toBe(true);
		expect(chime.ring('message', 10_000)).toBe(true);
		expect(started).toHaveLength(2);
		expect(chime.rang).toBe(1);
	});

	it('rings close together make one sound', async () => {
		const { ctx, started } = fakeContext('running');
		const chime = new Chime({ createContext: () => ctx });
		await chime.unlock();
		expect(chime.ring('conversation', 10_000)).toBe(true);
		expect(chime.ring('message', 10_000 + MIN_RING_GAP_MS - 1)).toBe(false);
		expect(chime.ring('message', 10_000 + MIN_RING_GAP_MS)).toBe(true);
		expect(started).toHaveLength(5);
	});

	it('vibrates where it can, even before the sound is unlocked', () => {
		const vibrate = vi.fn(() => true);
		const chime = new Chime({ vibrate });
		expect(chime.ring('conversation', 0)).toBe(true);
		expect(vibrate).toHaveBeenCalledWith([120, 80, 120]);
	});

	it('without WebAudio it cannot unlock', async () => {
		const chime = new Chime({});
		expect(chime.supported).toBe(false);
		expect(await chime.unlock()).toBe(false);
	});
});

describe('AppBadge', () => {
	it('sets the count, clears at zero, and skips repeats', () => {
		const nav = { setAppBadge: vi.fn(async () => {}), clearAppBadge: vi.fn(async () => {}) };
		const badge = new AppBadge(nav);
		badge.show(3);
		badge.show(3);
		badge.show(0);
		badge.show(-1);
		expect(nav.setAppBadge.mock.calls).toEqual([[3]]);
		expect(nav.clearAppBadge).toHaveBeenCalledTimes(1);
	});
	it('does nothing without the Badging API', () => {
		expect(() => new AppBadge({}).show(2)).not.toThrow();
	});
});
