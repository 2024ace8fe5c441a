import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Ports of the server the browser tests start (the app, and the local stack beside it). */
const APP_PORT = Number(process.env.PARLEY_TEST_APP_PORT || 43210);
const STACK_PORT = Number(process.env.PARLEY_TEST_STACK_PORT || APP_PORT + 1);
/** The server runs on the project's pinned Node (it runs the stack's .ts files directly). */
const PINNED_NODE = resolve('node_modules/.bin/node');
const NODE = existsSync(PINNED_NODE) ? PINNED_NODE : 'node';
const CHROMIUM_PATH = process.env.PARLEY_CHROMIUM_PATH || '/usr/bin/chromium';
/** The TURN server the call specs start (coturn), and the secret the app signs credentials with. */
export const TEST_TURN_PORT = Number(process.env.PARLEY_TEST_TURN_PORT || STACK_PORT + 1);
export const TEST_TURN_SECRET = 'parley-test-turn-secret';
const BROWSER_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export default defineConfig({
	testDir: 'tests/browser',
	forbidOnly: !!process.env.CI,
	retries: 0,
	// One browser plus the server and its database already keep two cores busy.
	workers: process.env.CI ? 1 : 2,
	timeout: 30_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
	use: {
		baseURL: `http://127.0.0.1:${APP_PORT}`,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure'
	},
	projects: [
		{
			name: 'chromium',
			// The file name only: the checkout's own path may contain 'calls'.
			testIgnore: /[\\/]calls[^\\/]*\.spec\.ts$/,
			use: {
				...devices['Desktop Chrome'],
				launchOptions: { executablePath: CHROMIUM_PATH, args: BROWSER_ARGS }
			}
		},
		{
			// Calls: a fake camera and microphone granted without a prompt, and ICE on loopback
			// (see docs: WebRTC between two headless pages).
			name: 'calls',
			testMatch: /[\\/]calls[^\\/]*\.spec\.ts$/,
			use: {
				...devices['Desktop Chrome'],
				permissions: ['camera', 'microphone'],
				launchOptions: {
					executablePath: CHROMIUM_PATH,
					args: [
						...BROWSER_ARGS,
						'--use-fake-device-for-media-stream',
						'--use-fake-ui-for-media-stream',
						'--allow-loopback-in-peer-connection',
						'--autoplay-policy=no-user-gesture-required'
					]
				}
			}
		}
	],
	webServer: {
		// The built app and the local stack, started the way `npm start` starts them, over a
		// throwaway data directory.
		command: `"${NODE}" tests/browser/serve.js`,
		url: `http://127.0.0.1:${APP_PORT}/`,
		env: {
			PORT: String(APP_PORT),
			HOST: '127.0.0.1',
			PARLEY_STACK_PORT: String(STACK_PORT),
			PARLEY_STACK_HOST: '127.0.0.1',
			// Calls offer this TURN server (the call specs start it when they need it).
			TURN_URL: `turn:127.0.0.1:${TEST_TURN_PORT}?transport=udp`,
			TURN_SECRET: TEST_TURN_SECRET
		},
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'ignore',
		stderr: 'pipe',
		gracefulShutdown: { signal: 'SIGINT', timeout: 10_000 }
	}
});
