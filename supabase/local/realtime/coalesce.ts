/**
 * Frames a socket is sent close together leave in one write. A chat message reaches an agent
 * as two broadcasts from one commit (the message on its conversation's topic, the
 * conversation's new preview on the site's), and the WebSocket library writes each frame at
 * once (Nagle is off): that was two system calls, each waking the reader, where one does.
 *
 * A socket is corked at its first frame. One that has not written for `BUSY_WINDOW_MS` is
 * uncorked in the loop's check phase, after every callback and promise of this turn has run,
 * so an idle socket's frame waits for nothing but its own turn. One that wrote less than that
 * ago (an agent's console on a busy site, which hears every conversation's change) is
 * uncorked that long after its last write: under load, each write carries the frames of a few
 * milliseconds instead of one, and the writes were half of the server's main thread.
 */
export interface Corkable {
	cork(): void;
	uncork(): void;
}

/** How long a socket that just wrote gathers frames before its next write. */
export const BUSY_WINDOW_MS = 4;

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

/** Holds `socket`'s writes until the end of this turn, or a little longer if it just wrote. */
export function holdUntilTurnEnds(socket: Corkable): void {
	if (thisTurn.has(socket) || gathering.has(socket)) return;
	socket.cork();
	const since = performance.now() - (lastWrite.get(socket) ?? -Infinity);
	if (since >= BUSY_WINDOW_MS) {
		thisTurn.add(socket);
		if (!turnScheduled) {
			turnScheduled = true;
			setImmediate(releaseTurn);
		}
		return;
	}
	gathering.add(socket);
	timer ??= setTimeout(releaseGathered, BUSY_WINDOW_MS - since);
}
