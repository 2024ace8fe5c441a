/**
 * Tells the server whether this console is in front of the agent, so pushes skip them while it
 * is (the console alerts by itself) and reach them once it is hidden or closed. A report lasts
 * 45 s on the server; while visible it is renewed every 30 s.
 */

/** How often a visible console renews its report (the server keeps one for 45 s). */
export const VISIBLE_REPORT_EVERY_MS = 30_000;

/** What the reporter needs from supabase-js. */
export interface VisibilityDb {
	rpc(
		fn: 'report_console_visible',
		args: { visible: boolean }
	): PromiseLike<{ error: { message: string } | null }>;
}

/** What it needs from the page (the document in the app). */
export interface VisibilitySource {
	readonly visibilityState: DocumentVisibilityState;
	addEventListener(type: 'visibilitychange', listener: () => void): void;
	removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

/**
 * Starts reporting; returns the function that stops it (and reports the console hidden).
 * The console layout calls it once the agent is signed in:
 * `onMount(() => startVisibilityReport(supabase(), document))`.
 */
export function startVisibilityReport(
	db: VisibilityDb,
	doc: VisibilitySource,
	onError: (message: string) => void = () => {}
): () => void {
	let timer: ReturnType<typeof setInterval> | undefined;
	const report = (visible: boolean) =>
		void Promise.resolve(db.rpc('report_console_visible', { visible })).then(
			({ error }) => error && onError(error.message),
			(err: Error) => onError(err.message)
		);
	const update = () => {
		clearInterval(timer);
		const visible = doc.visibilityState === 'visible';
		report(visible);
		if (visible) timer = setInterval(() => report(true), VISIBLE_REPORT_EVERY_MS);
	};
	doc.addEventListener('visibilitychange', update);
	update();
	return () => {
		doc.removeEventListener('visibilitychange', update);
		clearInterval(timer);
		report(false);
	};
}
