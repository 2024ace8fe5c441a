/**
 * Frames a socket is sent within one turn of the event loop leave in one write. A chat
 * message reaches an agent as two broadcasts from one commit (the message on its
 * conversation's topic, the conversation's new preview on the site's), and the WebSocket
 * library writes each frame at once (Nagle is off): that was two system calls, each waking
 * the reader, where one does. The socket is corked at its first frame and uncorked in the
 * loop's check phase, after every callback and promise of this turn has run, so nothing
 * waits longer than the turn that produced it.
 */
export interface Corkable {
	cork(): void;
	uncork(): void;
}

const held = new Set<Corkable>();
let scheduled = false;

function release(): void {
	scheduled = false;
	const sockets = [...held];
	held.clear();
	for (const socket of sockets) socket.uncork();
}

/** Holds `socket`'s writes until the end of this turn of the event loop. */
export function holdUntilTurnEnds(socket: Corkable): void {
	if (held.has(socket)) return;
	socket.cork();
	held.add(socket);
	if (!scheduled) {
		scheduled = true;
		setImmediate(release);
	}
}
