import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VoicePlayer } from './voice-player.ts';

/** An <audio> stand-in: play() resolves, or rejects while `refuse` is set (no tap yet). */
class FakeAudio {
	static refuse = false;
	static made: FakeAudio[] = [];
	src: string;
	paused = true;
	preload = '';
	duration = 2;
	currentTime = 0;
	onended: (() => void) | null = null;
	ontimeupdate: (() => void) | null = null;
	constructor(src: string) {
		this.src = src;
		FakeAudio.made.push(this);
	}
	async play() {
		if (FakeAudio.refuse) throw new DOMException('no gesture', 'NotAllowedError');
		this.paused = false;
	}
	pause() {
		this.paused = true;
	}
	/** The clip reaches its end. */
	end() {
		this.paused = true;
		this.onended?.();
	}
}

const source = (url: string) => () => Promise.resolve(url);
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
	FakeAudio.refuse = false;
	FakeAudio.made = [];
	vi.stubGlobal('Audio', FakeAudio);
});
afterEach(() => vi.unstubAllGlobals());

describe('VoicePlayer', () => {
	it('plays incoming voice messages one after another, in the order they arrived', async () => {
		const player = new VoicePlayer();
		player.enqueue('a', source('a.webm'));
		player.enqueue('b', source('b.webm'));
		await flush();
		expect(player.state('a')).toBe('playing');
		expect(player.state('b')).toBe('queued');
		FakeAudio.made[0].end();
		await flush();
		expect(player.state('a')).toBe('played');
		expect(player.state('b')).toBe('playing');
		FakeAudio.made[1].end();
		await flush();
		expect([player.playedOrder('a'), player.playedOrder('b')]).toEqual([1, 2]);
	});

	it('says tap to play where the browser refuses, keeps the rest waiting, and a tap plays on', async () => {
		FakeAudio.refuse = true;
		const player = new VoicePlayer();
		player.enqueue('a', source('a.webm'));
		await flush();
		player.enqueue('b', source('b.webm'));
		await flush();
		expect(player.state('a')).toBe('blocked');
		expect(player.state('b')).toBe('queued');

		FakeAudio.refuse = false; // the person's tap
		await player.toggle('a', source('a.webm'));
		expect(player.state('a')).toBe('playing');
		FakeAudio.made.at(-1)!.end();
		await flush();
		expect(player.state('b')).toBe('playing');
	});

	it('pauses and resumes the message tapped, and a tap on another plays that one', async () => {
		const player = new VoicePlayer();
		await player.toggle('a', source('a.webm'));
		await player.toggle('a', source('a.webm'));
		expect(player.state('a')).toBe('paused');
		await player.toggle('a', source('a.webm'));
		expect(player.state('a')).toBe('playing');
		await player.toggle('b', source('b.webm'));
		expect([player.state('a'), player.state('b')]).toEqual(['paused', 'playing']);
	});
});
