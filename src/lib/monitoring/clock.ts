/**
 * The server's clock, seen from this device: `server_time()` gives the server's now, and the
 * round trip bounds when it was read. Every "online" and countdown check uses server time, so
 * a phone whose clock is two minutes off neither drops live visitors nor keeps dead ones.
 */

/** Milliseconds to add to the device's clock to get the server's (read at the trip's midpoint). */
export function clockOffsetMs(serverIso: string, sentAtMs: number, receivedAtMs: number): number {
	const server = Date.parse(serverIso);
	if (Number.isNaN(server)) return 0;
	return server - (sentAtMs + receivedAtMs) / 2;
}

/** The server's now, from the device's now and a measured offset. */
export function serverNowMs(offsetMs: number, deviceNowMs: number = Date.now()): number {
	return deviceNowMs + offsetMs;
}
