import { describe, expect, it } from 'vitest';
import { callSummary, formatDuration } from './summary.ts';

describe('call summaries', () => {
	it('show a finished call’s media and duration', () => {
		expect(
			callSummary({ event: 'call', media: 'video', outcome: 'ended', duration_seconds: 75 })
		).toBe('Video call · 1:15');
		expect(
			callSummary({ event: 'call', media: 'audio', outcome: 'ended', duration_seconds: 3725 })
		).toBe('Audio call · 1:02:05');
	});

	it('say when a call did not happen', () => {
		expect(callSummary({ outcome: 'missed' })).toBe('Missed call');
		expect(callSummary({ outcome: 'declined' })).toBe('Call declined');
		expect(callSummary({ outcome: 'failed' })).toBe('Call could not connect');
	});

	it('never show a negative or broken duration', () => {
		expect(formatDuration(-3)).toBe('0:00');
		expect(callSummary({ media: 'audio', outcome: 'ended', duration_seconds: 'x' })).toBe(
			'Audio call · 0:00'
		);
	});
});
