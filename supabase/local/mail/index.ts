/**
 * /mailpit: the mail catcher's Mailpit-compatible API (the paths of Mailpit's `/api/v1`, which
 * the Supabase CLI serves on its own port): list, read, search and delete the mail Auth sent.
 * Open on a loopback stack like the CLI's; with the gateway's API key required (a stack
 * reachable from elsewhere), only with the service role's key, since mail holds sign-in links.
 */
import { timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { headerOf, readBody, sendJson } from '../http.ts';
import type { ServiceFactory } from '../service.ts';
import { messageOf, summaryOf, type KeptMail } from './mailbox.ts';

export const MAIL_PREFIX = '/mailpit';
const MAX_PAGE = 1000;

function sendText(res: ServerResponse, status: number, text: string): void {
	res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
	res.end(text);
}

function same(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/** Mailpit's list shape for one page of `mails` (newest first). */
function page(mails: readonly KeptMail[], all: readonly KeptMail[], url: URL) {
	const start = Math.max(0, Number(url.searchParams.get('start')) || 0);
	const limitParam = Number(url.searchParams.get('limit')) || 50;
	const limit = Math.min(MAX_PAGE, Math.max(1, limitParam));
	const slice = mails.slice(start, start + limit);
	return {
		total: all.length,
		unread: all.filter((m) => !m.Read).length,
		count: slice.length,
		messages_count: mails.length,
		start,
		tags: [],
		messages: slice.map(summaryOf)
	};
}

export const createMailService: ServiceFactory = ({ config, mail }) => {
	const box = mail.box;
	const allowed = (req: Parameters<typeof headerOf>[0]) => {
		if (!config.requireApiKey) return true;
		const sent =
			headerOf(req, 'apikey') ?? headerOf(req, 'authorization')?.replace(/^Bearer\s+/i, '');
		if (!sent) return false;
		return [config.serviceRoleKey, config.secretKey].some((k) => !!k && same(sent, k));
	};
	return {
		prefix: MAIL_PREFIX,
		async handle(req, res, url) {
			if (!allowed(req)) {
				sendJson(res, 401, { message: 'The mail catcher needs the service role key' });
				return;
			}
			const path = url.pathname.slice(MAIL_PREFIX.length);
			const method = req.method === 'HEAD' ? 'GET' : req.method;
			if (path === '/api/v1/messages' && method === 'GET') {
				sendJson(res, 200, page(box.all(), box.all(), url));
				return;
			}
			if (path === '/api/v1/messages' && method === 'DELETE') {
				let ids: string[] = [];
				const body = (await readBody(req, 1 << 20)).toString('utf8').trim();
				if (body) {
					let parsed: unknown;
					try {
						parsed = JSON.parse(body);
					} catch {
						sendText(res, 400, 'invalid JSON body');
						return;
					}
					const list = (parsed as { IDs?: unknown })?.IDs;
					if (
						list !== undefined &&
						(!Array.isArray(list) || !list.every((id) => typeof id === 'string'))
					) {
						sendText(res, 400, 'IDs must be a list of message IDs');
						return;
					}
					ids = (list as string[] | undefined) ?? [];
				}
				box.delete(ids);
				sendText(res, 200, 'ok');
				return;
			}
			if (path === '/api/v1/search' && method === 'GET') {
				const query = url.searchParams.get('query') ?? '';
				if (!query.trim()) {
					sendText(res, 400, 'no search query');
					return;
				}
				sendJson(res, 200, page(box.search(query), box.all(), url));
				return;
			}
			const one = /^\/api\/v1\/message\/([^/]+)$/.exec(path);
			if (one && method === 'GET') {
				const found = box.get(decodeURIComponent(one[1]));
				if (!found) {
					sendText(res, 404, 'message not found');
					return;
				}
				found.Read = true;
				sendJson(res, 200, messageOf(found));
				return;
			}
			sendText(res, 404, '404 page not found');
		}
	};
};
