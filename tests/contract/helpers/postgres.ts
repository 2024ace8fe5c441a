/** Connection helpers for running the contract tests against a real PostgreSQL. */
export const TEMPLATE_DB = 'parley_template';

/** The same server URL pointed at another database. */
export function adminUrl(url: string, database = 'postgres'): string {
	const u = new URL(url);
	u.pathname = `/${database}`;
	return u.toString();
}
