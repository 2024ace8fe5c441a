/**
 * The thread of `bcrypt-thread.ts`: hashes and compares passwords with bcryptjs, one at a time,
 * so that its tens of milliseconds of CPU per call never stop the stack's main thread.
 */
import bcrypt from 'bcryptjs';
import { parentPort } from 'node:worker_threads';
import type { BcryptReply, BcryptRequest } from './bcrypt-thread.ts';

if (!parentPort) throw new Error('bcrypt-thread-worker.ts runs as a worker thread');
const port = parentPort;

port.on('message', (m: BcryptRequest) => {
	let reply: BcryptReply;
	try {
		reply =
			m.op === 'hash'
				? { id: m.id, value: bcrypt.hashSync(m.password, m.cost) }
				: { id: m.id, value: bcrypt.compareSync(m.password, m.hash) };
	} catch (err) {
		reply = { id: m.id, error: err instanceof Error ? err.message : String(err) };
	}
	port.postMessage(reply);
});
