/** The line a call leaves in the conversation, from the server's summary event. */
import { wt } from '$lib/components/chat/strings.ts';

/** `m:ss`, or `h:mm:ss` for an hour and more. */
export function formatDuration(totalSeconds: number): string {
	const s = Math.max(0, Math.floor(totalSeconds));
	const h = Math.floor(s / 3600);
	const m = Math.floor((s % 3600) / 60);
	const ss = String(s % 60).padStart(2, '0');
	return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The text of a `{event: 'call', …}` system message. */
export function callSummary(a: Record<string, unknown>): string {
	const video = a.media === 'video';
	switch (a.outcome) {
		case 'declined':
			return wt('call.summary.declined');
		case 'cancelled':
			return wt('call.summary.cancelled');
		case 'missed':
			return wt('call.summary.missed');
		case 'failed':
			return wt('call.summary.failed');
		default: {
			const seconds = typeof a.duration_seconds === 'number' ? a.duration_seconds : 0;
			return wt(video ? 'call.summary.video' : 'call.summary.audio', {
				duration: formatDuration(seconds)
			});
		}
	}
}
