/** /rest/v1 (PostgREST). Placeholder until the REST service lands: answers 501 for every path. */
import { sendJson } from '../http.ts';
import type { ServiceFactory } from '../service.ts';

export const createRestService: ServiceFactory = () => ({
	prefix: '/rest/v1',
	async handle(_req, res) {
		sendJson(res, 501, { code: 501, error_code: 'not_implemented', msg: 'not implemented yet' });
	}
});
