/**
 * /auth/v1: Supabase Auth (GoTrue) for the local stack. Routes the paths GoTrue serves to
 * one module per endpoint, behind the gateway's API-key check, and renders every failure
 * in GoTrue's error shape.
 */
import { sendJson } from '../http.ts';
import type { ServiceFactory } from '../service.ts';
import { createUser, deleteUser, getUserById, listUsers, updateUserById } from './admin.ts';
import { GatewayError, requireApiKey } from './auth.ts';
import type { AuthContext } from './context.ts';
import { ERROR_CODES, notFound, sendAuthError, AuthError } from './errors.ts';
import {
	adminDeleteFactor,
	adminListFactors,
	adminUpdateFactor,
	challengeFactor,
	enrollFactor,
	unenrollFactor,
	verifyFactor
} from './factors.ts';
import { logout } from './logout.ts';
import { HEALTH_BODY, JWKS_BODY, loadAuthSettings, settingsBody } from './settings.ts';
import { signupRoute } from './signup.ts';
import { recoverRoute } from './recover.ts';
import { magicLinkRoute, otpRoute } from './magic_link.ts';
import { resendRoute } from './resend.ts';
import { reauthenticateRoute } from './reauthenticate.ts';
import { authorizeRoute, samlDisabled } from './providers.ts';
import { generateLink } from './generate_link.ts';
import { tokenRoute } from './token.ts';
import { verifyGet, verifyPost } from './verify.ts';
import { getUser, updateUser } from './user.ts';

export const AUTH_PREFIX = '/auth/v1';

/** `param` is the first `{id}` segment of the path; any further ones follow it. */
type Handler = (ctx: AuthContext, param: string, ...params: string[]) => Promise<void>;

interface Route {
	method: string;
	/**
	 * Exact path, a prefix ending in `/` whose rest is one path segment, or a pattern whose
	 * `*` segments each match one non-empty segment.
	 */
	path: string;
	handler: Handler;
}

const ROUTES: Route[] = [
	{ method: 'GET', path: '/health', handler: async (ctx) => sendJson(ctx.res, 200, HEALTH_BODY) },
	{
		method: 'GET',
		path: '/settings',
		handler: async (ctx) => sendJson(ctx.res, 200, settingsBody(ctx.settings))
	},
	{
		method: 'GET',
		path: '/.well-known/jwks.json',
		handler: async (ctx) => sendJson(ctx.res, 200, JWKS_BODY)
	},
	{ method: 'POST', path: '/signup', handler: signupRoute },
	{ method: 'POST', path: '/token', handler: tokenRoute },
	{ method: 'POST', path: '/recover', handler: recoverRoute },
	{ method: 'POST', path: '/otp', handler: otpRoute },
	{ method: 'POST', path: '/magiclink', handler: magicLinkRoute },
	{ method: 'POST', path: '/resend', handler: resendRoute },
	{ method: 'GET', path: '/authorize', handler: authorizeRoute },
	{ method: 'GET', path: '/reauthenticate', handler: reauthenticateRoute },
	{ method: 'POST', path: '/sso', handler: samlDisabled },
	{ method: 'GET', path: '/sso/saml/metadata', handler: samlDisabled },
	{ method: 'POST', path: '/sso/saml/acs', handler: samlDisabled },
	{ method: 'GET', path: '/user', handler: getUser },
	{ method: 'PUT', path: '/user', handler: updateUser },
	{ method: 'POST', path: '/logout', handler: logout },
	{ method: 'POST', path: '/factors', handler: enrollFactor },
	{ method: 'POST', path: '/factors/*/challenge', handler: challengeFactor },
	{ method: 'POST', path: '/factors/*/verify', handler: verifyFactor },
	{ method: 'DELETE', path: '/factors/', handler: unenrollFactor },
	{ method: 'GET', path: '/admin/users/*/factors', handler: adminListFactors },
	{ method: 'PUT', path: '/admin/users/*/factors/*', handler: adminUpdateFactor },
	{ method: 'DELETE', path: '/admin/users/*/factors/*', handler: adminDeleteFactor },
	{ method: 'GET', path: '/verify', handler: verifyGet },
	{ method: 'POST', path: '/verify', handler: verifyPost },
	{ method: 'POST', path: '/admin/generate_link', handler: generateLink },
	{ method: 'GET', path: '/admin/users', handler: listUsers },
	{ method: 'POST', path: '/admin/users', handler: createUser },
	{ method: 'GET', path: '/admin/users/', handler: getUserById },
	{ method: 'PUT', path: '/admin/users/', handler: updateUserById },
	{ method: 'DELETE', path: '/admin/users/', handler: deleteUser }
];

/** Finds the route for a method and a path below the prefix; `param` is the `{id}` segment. */
export function matchRoute(
	method: string,
	path: string
): { route: Route; param: string; params: string[] } | 'method_not_allowed' | null {
	const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
	let pathMatched = false;
	for (const route of ROUTES) {
		let param = '';
		let params: string[] = [];
		if (route.path.includes('*')) {
			const want = route.path.split('/');
			const got = trimmed.split('/');
			if (want.length !== got.length) continue;
			if (!want.every((seg, i) => (seg === '*' ? got[i] !== '' : seg === got[i]))) continue;
			params = got.filter((_, i) => want[i] === '*');
			param = params[0];
		} else if (route.path.endsWith('/')) {
			if (!trimmed.startsWith(route.path)) continue;
			param = trimmed.slice(route.path.length);
			if (param === '' || param.includes('/')) continue;
			params = [param];
		} else if (trimmed !== route.path) continue;
		pathMatched = true;
		if (route.method === method || (method === 'HEAD' && route.method === 'GET'))
			return {
				route,
				param: decodeURIComponent(param),
				params: params.map((p) => decodeURIComponent(p))
			};
	}
	return pathMatched ? 'method_not_allowed' : null;
}

export const createAuthService: ServiceFactory = ({ config, db, mail }) => {
	const settings = loadAuthSettings(config);
	return {
		prefix: AUTH_PREFIX,
		async handle(req, res, url) {
			try {
				await requireApiKey(config, req, url);
				const match = matchRoute(
					req.method ?? 'GET',
					url.pathname.slice(AUTH_PREFIX.length) || '/'
				);
				// chi answers unknown paths with 404 and known paths with another method with 405.
				if (match === null) throw notFound(ERROR_CODES.notFound, 'Not Found');
				if (match === 'method_not_allowed')
					throw new AuthError(405, ERROR_CODES.unknown, 'Method Not Allowed');
				await match.route.handler(
					{ config, db, settings, mail, req, res, url },
					match.param,
					...match.params.slice(1)
				);
			} catch (err) {
				if (err instanceof GatewayError) sendJson(res, err.status, err.body);
				else if (err instanceof URIError)
					sendAuthError(
						req,
						res,
						notFound(ERROR_CODES.validationFailed, 'user_id must be an UUID')
					);
				else sendAuthError(req, res, err);
			}
		}
	};
};
