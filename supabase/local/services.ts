/** The endpoint families the stack serves, in routing order. */
import type { ServiceFactory } from './service.ts';
import { createAuthService } from './auth/index.ts';
import { createRestService } from './rest/index.ts';
import { createStorageService } from './storage/index.ts';
import { createRealtimeService } from './realtime/index.ts';
import { createMailService } from './mail/index.ts';

export const SERVICE_FACTORIES: ServiceFactory[] = [
	createAuthService,
	createRestService,
	createStorageService,
	createRealtimeService,
	createMailService
];
