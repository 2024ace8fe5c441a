/**
 * Frames a socket is sent close together leave in one write. A chat message reaches an agent
 * as two broadcasts from one commit (the message on its conversation's topic, the
 * conversation's new preview on the site's), and the WebSocket library writes each frame at
 * once (Nagle is off): that was two system calls, each waking the reader, where one does.
 *
 * A socket is corked at its first frame and uncorked in the loop's check phase, after every
 * callback and promise of this turn has run. A frame of a wide fan-out (`WIDE_FANOUT` sockets
 * or more: every agent's console on a busy site hears every conversation's change) may wait
 * longer: if its socket wrote less than `BUSY_WINDOW_MS` ago, until that long after that write,
 * so under load one write carries the frames of a few milliseconds instead of one (those
 * writes were half of the server's main thread). Any other frame (a reply, a conversation's
 * message, a call's signal) takes what is held for its socket out at the end of its turn, so
 * exchanges between a few sockets never wait on the window.
 */
export interface Corkable {
	cork(): void;
	uncork(): void;
}

/** How long a socket that just wrote gathers wide fan-outs' frames before its next write. */
export const BUSY_WINDOW_MS = 4;
/** How many sockets a frame goes to at once for it to be gathered. */
export const WIDE_FANOUT = 8;

const lastWrite = new WeakMap<Corkable, number>();
/** Sockets released at the end of this turn. */
const thisTurn = new Set<Corkable>();
/** Sockets that wrote recently, released by a timer. */
const gathering = new Set<Corkable>();
let turnScheduled = false;
let timer: ReturnType<typeof setTimeout> | null = null;

function release(sockets: Set<Corkable>): void {
	const now = performance.now();
	const all = [...sockets];
	sockets.clear();
	for (const socket of all) {
		lastWrite.set(socket, now);
		socket.uncork();
	}
}

function releaseTurn(): void {
	turnScheduled = false;
	release(thisTurn);
}

function releaseGathered(): void {
	timer = null;
	release(gathering);
}

function releaseAtTurnEnd(socket: Corkable): void {
	thisTurn.add(socket);
	if (!turnScheduled) {
		turnScheduled = true;
		setImmediate(releaseTurn);
	}
}

/**
 * Holds `socket`'s writes until the end of this turn; for a frame of a wide fan-out (`wide`),
 * until `BUSY_WINDOW_MS` after the socket's last write if that is later.
 */
export function holdUntilTurnEnds(socket: Corkable, wide = false): void {
	if (thisTurn.has(socket)) return;
	if (gathering.has(socket)) {
		if (wide) return;
		gathering.delete(socket);
		releaseAtTurnEnd(socket);
		return;
	}
	socket.cork();
	const since = performance.now() - (lastWrite.get(socket) ?? -Infinity);
	if (!wide || since >= BUSY_WINDOW_MS) {
		releaseAtTurnEnd(socket);
		return;
	}
	gathering.add(socket);
	timer ??= setTimeout(releaseGathered, BUSY_WINDOW_MS - since);
}
