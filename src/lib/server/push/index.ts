/** The app server's push: its VAPID keys (loaded once) and the sender's timer. */
import { env } from '$env/dynamic/private';
import { adminClient } from '$lib/server/admin.ts';
import { pushIntervalMs, rpcStore, startPushSender } from './sender.ts';
import { webPushTransport } from './transport.ts';
import { loadVapid, type Vapid } from './vapid.ts';

let vapid: Vapid | undefined;

/** The server's VAPID keys: from PARLEY_VAPID_* or made once in PARLEY_DATA_DIR (default .data). */
export function serverVapid(): Vapid {
	vapid ??= loadVapid(env, env.PARLEY_DATA_DIR || '.data');
	return vapid;
}

/** Starts this server's sender; throws at start on a configuration error, so it is seen. */
export function startPush(): () => void {
	const keys = serverVapid();
	const allowLoopbackHttp = env.PARLEY_PUSH_ALLOW_LOOPBACK_HTTP === 'true';
	const transport = webPushTransport(keys, { allowLoopbackHttp });
	const sender = startPushSender(
		() => ({ store: rpcStore(adminClient()), transport }),
		pushIntervalMs(env.PARLEY_PUSH_INTERVAL_MS)
	);
	return sender.stop;
}
