/** `GET /rest/v1/`: a minimal OpenAPI (Swagger 2.0) description of the exposed tables and functions. */
import type { SchemaCache } from './catalog.ts';

/** Lists tables (with their columns) and functions the way PostgREST's root endpoint does, in brief. */
export function openApiDocument(cache: SchemaCache, publicUrl: string): Record<string, unknown> {
	const paths: Record<string, unknown> = {
		'/': { get: { summary: 'OpenAPI description (this document)' } }
	};
	const definitions: Record<string, unknown> = {};
	for (const t of cache.tables.values()) {
		paths[`/${t.name}`] =
			t.kind === 'table' ? { get: {}, post: {}, patch: {}, delete: {} } : { get: {} };
		definitions[t.name] = {
			type: 'object',
			...(t.pk.length ? { required: t.pk } : {}),
			properties: Object.fromEntries(
				[...t.columns.values()].map((c) => [c.name, { format: c.type }])
			)
		};
	}
	for (const name of cache.functions.keys()) paths[`/rpc/${name}`] = { get: {}, post: {} };
	const url = new URL(publicUrl);
	return {
		swagger: '2.0',
		info: { title: 'standard public schema', version: '12.2.0' },
		host: url.host,
		basePath: '/rest/v1',
		schemes: [url.protocol.replace(':', '')],
		consumes: ['application/json', 'application/vnd.pgrst.object+json', 'text/csv'],
		produces: ['application/json', 'application/vnd.pgrst.object+json', 'text/csv'],
		paths,
		definitions
	};
}
