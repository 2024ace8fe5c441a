/** Go's time.ParseDuration, for the admin API's `ban_duration` ("24h", "1h30m", "none"). */

const UNIT_MS: Record<string, number> = {
	ns: 1e-6,
	us: 1e-3,
	µs: 1e-3,
	μs: 1e-3,
	ms: 1,
	s: 1000,
	m: 60_000,
	h: 3_600_000
};

export class DurationError extends Error {
	override name = 'DurationError';
}

/** Parses a Go duration into milliseconds; throws DurationError with Go's message. */
export function parseGoDuration(input: string): number {
	const invalid = () => new DurationError(`time: invalid duration ${JSON.stringify(input)}`);
	let rest = input;
	let sign = 1;
	if (rest.startsWith('-') || rest.startsWith('+')) {
		sign = rest[0] === '-' ? -1 : 1;
		rest = rest.slice(1);
	}
	if (rest === '0') return 0;
	if (rest === '') throw invalid();
	let total = 0;
	const part = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
	while (rest !== '') {
		const match = part.exec(rest);
		if (!match) {
			if (/^(\d+(?:\.\d*)?|\.\d+)/.test(rest))
				throw new DurationError(`time: missing unit in duration ${JSON.stringify(input)}`);
			throw invalid();
		}
		total += Number(match[1]) * UNIT_MS[match[2]];
		rest = rest.slice(match[0].length);
	}
	return sign * total;
}
