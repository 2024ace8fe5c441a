// The parts of simple-peer 9 that calls use (it ships no types).
declare module 'simple-peer' {
	interface SimplePeerOptions {
		initiator?: boolean;
		stream?: MediaStream;
		config?: RTCConfiguration;
		trickle?: boolean;
		offerOptions?: RTCOfferOptions;
		answerOptions?: RTCAnswerOptions;
	}
	interface SimplePeerError extends Error {
		code?: string;
	}
	class SimplePeer {
		constructor(opts?: SimplePeerOptions);
		readonly initiator: boolean;
		readonly destroyed: boolean;
		/** The underlying connection (not public API, but stable in 9.x). */
		readonly _pc: RTCPeerConnection;
		signal(data: unknown): void;
		negotiate(): void;
		replaceTrack(oldTrack: MediaStreamTrack, newTrack: MediaStreamTrack, stream: MediaStream): void;
		destroy(err?: Error): void;
		on(event: 'signal', listener: (data: unknown) => void): this;
		on(event: 'stream', listener: (stream: MediaStream) => void): this;
		on(event: 'connect' | 'close', listener: () => void): this;
		on(event: 'error', listener: (err: SimplePeerError) => void): this;
		on(
			event: 'iceStateChange',
			listener: (ice: RTCIceConnectionState, gathering: RTCIceGatheringState) => void
		): this;
	}
	export default SimplePeer;
	export type { SimplePeerOptions, SimplePeerError };
}
