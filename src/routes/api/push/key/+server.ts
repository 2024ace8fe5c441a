/** The server's VAPID public key, which the console passes to pushManager.subscribe(). */
import { json } from '@sveltejs/kit';
import { serverVapid } from '$lib/server/push/index.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () =>
	json({ publicKey: serverVapid().publicKey }, { headers: { 'cache-control': 'no-cache' } });
