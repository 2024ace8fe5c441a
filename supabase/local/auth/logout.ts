/** POST /logout (`internal/api/logout.go`): ends this session, all sessions, or all others. */
import { requireAuthentication } from './auth.ts';
import type { AuthContext } from './context.ts';
import { ERROR_CODES, badRequest } from './errors.ts';
import { logoutOthers, logoutSession, logoutUser } from './sessions.ts';

export type LogoutScope = 'global' | 'local' | 'others';

/** Reads `scope`: absent or empty means global. */
export function parseLogoutScope(raw: string | null): LogoutScope {
	switch (raw ?? '') {
		case '':
		case 'global':
			return 'global';
		case 'local':
			return 'local';
		case 'others':
			return 'others';
		default:
			throw badRequest(
				ERROR_CODES.validationFailed,
				`Unsupported logout scope ${JSON.stringify(raw)}`
			);
	}
}

export async function logout(ctx: AuthContext): Promise<void> {
	const auth = await requireAuthentication(ctx.config, ctx.db, ctx.req);
	const scope = parseLogoutScope(ctx.url.searchParams.get('scope'));
	await ctx.db.transaction(async (tx) => {
		if (auth.sessionId && scope === 'local') return logoutSession(tx, auth.sessionId);
		if (auth.sessionId && scope === 'others') return logoutOthers(tx, auth.user.id, auth.sessionId);
		return logoutUser(tx, auth.user.id);
	});
	ctx.res.writeHead(204);
	ctx.res.end();
}
