/**
 * A conversation session as Svelte state: the widget and the console render `chat.snapshot`
 * and call the session's methods. One instance per open conversation; `close()` on teardown.
 */
import {
	ConversationSession,
	type SessionOptions,
	type SessionSnapshot
} from '$lib/conversations/session.ts';

export class ChatState {
	readonly session: ConversationSession;
	#snapshot = $state.raw<SessionSnapshot>() as SessionSnapshot;
	#stop: () => void;

	constructor(options: SessionOptions) {
		this.session = new ConversationSession(options);
		this.#snapshot = this.session.snapshot;
		this.#stop = this.session.onChange((s) => (this.#snapshot = s));
		this.session.start();
	}

	/** Messages, conversation, typists, connection and unread count, as they are now. */
	get snapshot(): SessionSnapshot {
		return this.#snapshot;
	}

	/** Leaves the conversation's channel. */
	close(): Promise<void> {
		this.#stop();
		return this.session.close();
	}
}
