/**
 * What the call specs share: a visitor on the shop's widget (phone) and an agent in the console
 * (tablet) in one conversation, every RTCPeerConnection their pages make kept for reading its
 * stats, and a video call placed by the agent and accepted by the visitor.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { Browser, BrowserContext, Frame, Page } from '@playwright/test';
import { TEST_TURN_PORT, TEST_TURN_SECRET } from '../../playwright.config.ts';
import { expect } from './fixtures.ts';
import { PHONE, TABLET, newWorld, pairAgent } from './console-world.ts';
import { snippetPage, type Shop } from './shop.ts';

/** What `instrument` keeps on each page's window. */
export interface CallWindow {
	__pcs: RTCPeerConnection[];
	/** How many offers or answers the page's connections set locally: one per negotiation. */
	__localDescriptions: number;
	/** How many times a sender's track was replaced (replaceTrack: no negotiation). */
	__replacedTracks: number;
}

/**
 * Keeps every RTCPeerConnection a page (or its frames) makes in `window.__pcs`, so the test
 * can read their stats, and counts negotiations and replaced tracks; with `relay`, every
 * connection uses relayed candidates only.
 */
export async function instrument(context: BrowserContext, relay = false) {
	await context.addInitScript((relayOnly: boolean) => {
		const Native = window.RTCPeerConnection;
		const w = window as unknown as CallWindow;
		const pcs: RTCPeerConnection[] = [];
		w.__pcs = pcs;
		w.__localDescriptions = 0;
		w.__replacedTracks = 0;
		class Recorded extends Native {
			constructor(config?: RTCConfiguration) {
				super(relayOnly ? { ...config, iceTransportPolicy: 'relay' } : config);
				pcs.push(this);
			}
		}
		window.RTCPeerConnection = Recorded;
		const setLocal = Native.prototype.setLocalDescription;
		Native.prototype.setLocalDescription = function (this: RTCPeerConnection, ...args: unknown[]) {
			w.__localDescriptions++;
			return setLocal.apply(this, args as Parameters<typeof setLocal>);
		} as typeof setLocal;
		const replace = RTCRtpSender.prototype.replaceTrack;
		RTCRtpSender.prototype.replaceTrack = function (track) {
			w.__replacedTracks++;
			return replace.call(this, track);
		};
	}, relay);
}

type Inbound = {
	framesDecoded: number;
	totalAudioEnergy: number;
	candidateTypes: string[];
	state: string;
};

/** What the latest connection of a page or frame receives, and the candidate types in use. */
export async function inbound(target: Page | Frame): Promise<Inbound> {
	return target.evaluate(async () => {
		const pcs = (window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? [];
		const pc = pcs[pcs.length - 1];
		const out = {
			framesDecoded: 0,
			totalAudioEnergy: 0,
			candidateTypes: [] as string[],
			state: 'none'
		};
		if (!pc) return out;
		out.state = pc.connectionState;
		const stats = await pc.getStats();
		const byId = new Map<string, Record<string, unknown>>();
		stats.forEach((s: Record<string, unknown>) => byId.set(s.id as string, s));
		for (const s of byId.values()) {
			if (s.type === 'inbound-rtp' && s.kind === 'video')
				out.framesDecoded += Number(s.framesDecoded ?? 0);
			if (s.type === 'inbound-rtp' && s.kind === 'audio')
				out.totalAudioEnergy += Number(s.totalAudioEnergy ?? 0);
			if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') {
				const local = byId.get(s.localCandidateId as string);
				const remote = byId.get(s.remoteCandidateId as string);
				out.candidateTypes.push(`${local?.candidateType}/${remote?.candidateType}`);
			}
		}
		return out;
	});
}

/** The widget's frame in the visitor's page. */
export function widgetFrame(page: Page): Frame {
	const frame = page.frames().find((f) => f.url().includes('/widget'));
	if (!frame) throw new Error('no widget frame');
	return frame;
}

export async function goOnline(page: Page) {
	const toggle = page.getByRole('switch', { name: /online|available/i }).first();
	if ((await toggle.getAttribute('aria-checked')) !== 'true') await toggle.click();
	await expect(toggle).toHaveAttribute('aria-checked', 'true');
}

/** Scripts to run in every document of the agent's or the visitor's pages, before their own. */
export interface InitScripts {
	agent?: () => void;
	visitor?: () => void;
}

/** A visitor on a phone chatting with an agent on a tablet, in one conversation. */
export async function conversation(
	browser: Browser,
	shop: Shop,
	baseURL: string,
	relay = false,
	init: InitScripts = {}
) {
	const world = await newWorld(shop.origin);
	await world.owner.from('sites').update({ prechat_name: 'off' }).eq('id', world.siteId);
	shop.page('/help', snippetPage(baseURL, world.siteKey));
	const agent = await pairAgent(browser, world, 'Sam', TABLET);
	await instrument(agent.context, relay);
	if (init.agent) await agent.context.addInitScript(init.agent);
	await agent.page.goto('/app/conversations');
	await goOnline(agent.page);

	const visitorContext = await browser.newContext({
		...PHONE,
		permissions: ['camera', 'microphone']
	});
	await instrument(visitorContext, relay);
	if (init.visitor) await visitorContext.addInitScript(init.visitor);
	const visitor = await visitorContext.newPage();
	await visitor.goto(shop.origin + '/help');
	await visitor.getByRole('button', { name: /^Chat/ }).click();
	const widget = visitor.frameLocator('iframe');
	const composer = widget.getByRole('textbox', { name: 'Message' });
	await composer.fill('Can we talk on video?');
	await composer.press('Enter');

	const item = agent.page
		.locator('[data-conversation]')
		.filter({ hasText: 'Can we talk on video?' });
	await item.click();
	await agent.page.getByRole('button', { name: 'Take', exact: true }).first().click();
	await expect(agent.page.getByTestId('conversation-status')).toHaveText('Yours');
	await expect(widget.getByText('Sam joined the conversation')).toBeVisible();
	await expect(agent.page.locator('[data-slot="message-list"]')).toHaveAttribute(
		'data-connection',
		'connected'
	);
	const conversationId = new URL(agent.page.url()).pathname.split('/').pop()!;
	return { world, agent, visitorContext, visitor, widget, conversationId };
}

/** The agent calls on video, the visitor accepts, and both receive video. */
export async function connectVideoCall(setup: Awaited<ReturnType<typeof conversation>>) {
	const { agent, visitor, widget } = setup;
	await agent.page.getByRole('button', { name: 'Start a video call' }).click();
	const agentCall = agent.page.locator('[data-slot="call"]');
	await expect(agentCall).toHaveAttribute('data-phase', 'outgoing');
	const ring = widget.locator('[data-slot="call"]');
	await expect(ring).toHaveAttribute('data-phase', 'incoming');
	await expect(ring).toContainText('Incoming video call');
	await ring.getByRole('button', { name: 'Accept' }).click();
	await expect(ring).toHaveAttribute('data-phase', 'connected', { timeout: 20_000 });
	await expect(agentCall).toHaveAttribute('data-phase', 'connected', { timeout: 20_000 });

	// Frames are decoded on each side.
	await expect
		.poll(async () => (await inbound(agent.page)).framesDecoded, { timeout: 15_000 })
		.toBeGreaterThan(0);
	await expect
		.poll(async () => (await inbound(widgetFrame(visitor))).framesDecoded, { timeout: 15_000 })
		.toBeGreaterThan(0);
	return { agentCall, ring };
}

/** Starts coturn on loopback with the app's TURN secret. */
export function startTurn(): ChildProcess {
	const bin = spawnSync('sh', ['-c', 'command -v turnserver']).stdout.toString().trim();
	if (!bin)
		throw new Error('turnserver (Debian coturn) is not installed: npm run pretest installs it');
	return spawn(
		bin,
		[
			'-n',
			'--listening-ip=127.0.0.1',
			'--relay-ip=127.0.0.1',
			`--listening-port=${TEST_TURN_PORT}`,
			'--min-port=49160',
			'--max-port=49200',
			'--use-auth-secret',
			`--static-auth-secret=${TEST_TURN_SECRET}`,
			'--realm=parley.test',
			'--no-tls',
			'--no-dtls',
			'--allow-loopback-peers',
			'--no-cli',
			'--log-file=stdout'
		],
		{ stdio: 'ignore' }
	);
}

export interface FrameLook {
	/** The size the video arrives at. */
	width: number;
	height: number;
	/** Mean red, green, blue. */
	mean: number[];
	/** The share of neighbouring pixels whose brightness jumps, read 320 wide: edges (text, shapes), which blur removes. */
	edges: number;
	/** Mean absolute difference per channel from `image` drawn to cover the frame, if given. */
	offImage: number | null;
}

/**
 * How the video a page or the widget receives looks now, and how far it is from a background
 * image (a URL the page can load: our origin or a data: URL).
 */
export async function look(frame: Page | Frame, image?: string): Promise<FrameLook> {
	return frame.evaluate(async (url) => {
		const video = document.querySelector<HTMLVideoElement>('[data-slot="call-remote"]')!;
		// Read at one size whatever size arrives: the connection's adaptation may send 320×240
		// at one moment and 640×480 at the next, and the share of edges in a frame depends on
		// its size.
		const width = 320;
		const height = Math.round((width * video.videoHeight) / video.videoWidth);
		const canvas = document.createElement('canvas');
		canvas.width = width;
		canvas.height = height;
		const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
		ctx.imageSmoothingQuality = 'high';
		ctx.drawImage(video, 0, 0, width, height);
		const px = ctx.getImageData(0, 0, width, height).data;
		const mean = [0, 0, 0];
		let jumps = 0;
		let pairs = 0;
		const luma = (i: number) => 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2];
		for (let y = 0; y < height; y++)
			for (let x = 0; x < width; x++) {
				const i = (y * width + x) * 4;
				for (let c = 0; c < 3; c++) mean[c] += px[i + c];
				if (x + 1 < width) {
					if (Math.abs(luma(i + 4) - luma(i)) > 12) jumps++;
					pairs++;
				}
			}
		const n = width * height;
		let offImage: number | null = null;
		if (url) {
			const img = new Image();
			img.src = url;
			await img.decode();
			// Drawn to cover the frame, centred: as the compositor draws it.
			const scale = Math.max(width / img.naturalWidth, height / img.naturalHeight);
			const sw = width / scale;
			const sh = height / scale;
			ctx.drawImage(
				img,
				(img.naturalWidth - sw) / 2,
				(img.naturalHeight - sh) / 2,
				sw,
				sh,
				0,
				0,
				width,
				height
			);
			const ref = ctx.getImageData(0, 0, width, height).data;
			let diff = 0;
			for (let i = 0; i < px.length; i += 4)
				diff +=
					Math.abs(px[i] - ref[i]) +
					Math.abs(px[i + 1] - ref[i + 1]) +
					Math.abs(px[i + 2] - ref[i + 2]);
			offImage = diff / (n * 3);
		}
		return {
			width: video.videoWidth,
			height: video.videoHeight,
			mean: mean.map((m) => m / n),
			edges: jumps / pairs,
			offImage
		};
	}, image);
}
