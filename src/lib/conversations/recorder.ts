/**
 * Recording a voice message with MediaRecorder: Opus in WebM where the browser records it,
 * else MP4 (Safari), with the microphone's level for a meter. Loaded on the first tap of the
 * microphone button.
 */

/** What is asked of MediaRecorder, best first. */
export const VOICE_MIME_TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4'] as const;
/** The longest voice message; the recording stops and is sent at this length. */
export const VOICE_MAX_MS = 5 * 60_000;
/** Shorter than this is a slip of the finger, not a message. */
export const VOICE_MIN_MS = 500;

/** The first type this browser records, or null when it records none of them. */
export function recordingType(
	isTypeSupported: (type: string) => boolean = (t) =>
		typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(t)
): string | null {
	return VOICE_MIME_TYPES.find((t) => isTypeSupported(t)) ?? null;
}

/** Why a recording could not start. */
export class RecorderError extends Error {
	override name = 'RecorderError';
	readonly reason: 'denied' | 'unsupported';
	constructor(reason: 'denied' | 'unsupported') {
		super(reason);
		this.reason = reason;
	}
}

/** One recording in progress. */
export class VoiceRecording {
	#stream: MediaStream;
	#recorder: MediaRecorder;
	#chunks: Blob[] = [];
	#started = performance.now();
	#audio: AudioContext | null = null;
	#analyser: AnalyserNode | null = null;
	#samples: Uint8Array<ArrayBuffer> | null = null;
	#done: Promise<void>;

	private constructor(stream: MediaStream, recorder: MediaRecorder) {
		this.#stream = stream;
		this.#recorder = recorder;
		recorder.ondataavailable = (e) => {
			if (e.data.size) this.#chunks.push(e.data);
		};
		this.#done = new Promise((resolve) => (recorder.onstop = () => resolve()));
		try {
			this.#audio = new AudioContext();
			this.#analyser = this.#audio.createAnalyser();
			this.#analyser.fftSize = 256;
			this.#audio.createMediaStreamSource(stream).connect(this.#analyser);
			this.#samples = new Uint8Array(this.#analyser.fftSize);
		} catch {
			// No meter then; the recording itself does not need it.
		}
		recorder.start(250);
	}

	/** Asks for the microphone and starts recording. */
	static async start(): Promise<VoiceRecording> {
		const type = recordingType();
		if (!type || !navigator.mediaDevices?.getUserMedia) throw new RecorderError('unsupported');
		let stream: MediaStream;
		try {
			stream = await navigator.mediaDevices.getUserMedia({ audio: true });
		} catch {
			throw new RecorderError('denied');
		}
		return new VoiceRecording(stream, new MediaRecorder(stream, { mimeType: type }));
	}

	/** How long it has been recording, in milliseconds. */
	get elapsedMs(): number {
		return performance.now() - this.#started;
	}

	/** The microphone's loudness now, from 0 to 1. */
	level(): number {
		if (!this.#analyser || !this.#samples) return 0;
		this.#analyser.getByteTimeDomainData(this.#samples);
		let sum = 0;
		for (const s of this.#samples) sum += ((s - 128) / 128) ** 2;
		return Math.min(1, Math.sqrt(sum / this.#samples.length) * 4);
	}

	#release() {
		for (const track of this.#stream.getTracks()) track.stop();
		void this.#audio?.close().catch(() => {});
	}

	/** Stops and gives the recording as a file with its length. */
	async stop(): Promise<{ file: File; durationMs: number }> {
		const durationMs = this.elapsedMs;
		if (this.#recorder.state !== 'inactive') this.#recorder.stop();
		await this.#done;
		this.#release();
		const type = (this.#recorder.mimeType || VOICE_MIME_TYPES[0]).split(';')[0];
		const ext = type === 'audio/mp4' ? 'm4a' : 'webm';
		const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
		return {
			file: new File(this.#chunks, `voice-${stamp}.${ext}`, { type }),
			durationMs
		};
	}

	/** Stops and throws the recording away. */
	cancel(): void {
		this.#recorder.ondataavailable = null;
		if (this.#recorder.state !== 'inactive') this.#recorder.stop();
		this.#release();
	}
}
