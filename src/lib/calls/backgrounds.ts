/**
 * Virtual backgrounds as state: what a person can pick (none, blur, an image), the images on
 * offer, and where the choice stands while the segmentation model loads or once it cannot run.
 * Pure: the call session holds the state, the compositor draws it.
 */

/** What is behind the person in one's own video. */
export type BackgroundChoice = { kind: 'none' } | { kind: 'blur' } | { kind: 'image'; id: string };

/** An image one can put behind oneself. */
export interface BackgroundImage {
	id: string;
	/** Its name as people read it; built-in ones are named by the interface's strings instead. */
	label?: string;
	/** Where its thumbnail comes from: our own origin, or a `blob:` URL of `blob`. */
	url: string;
	/**
	 * Its bytes, for a site's own image fetched with the caller's token: drawn from these, never
	 * from a cross-origin URL, so the canvas sent is never tainted.
	 */
	blob?: Blob;
}

/** Why background effects cannot run here, as the person is told. */
export type BackgroundProblem = 'no-webassembly' | 'no-canvas' | 'load-failed' | 'too-slow';

/**
 * - `off`: no background effect (the camera, maybe with overlays);
 * - `loading`: one was asked for and the model is loading;
 * - `on`: the chosen effect is in the frame sent;
 * - `unavailable`: segmentation cannot run here (see `problem`); overlays still work.
 */
export type BackgroundStatus = 'off' | 'loading' | 'on' | 'unavailable';

export interface BackgroundState {
	choice: BackgroundChoice;
	status: BackgroundStatus;
	problem: BackgroundProblem | null;
	/** A technical detail for `problem` (an error's message), else ''. */
	detail: string;
}

export const NO_BACKGROUND: BackgroundChoice = { kind: 'none' };

/** The images shipped with Parley (`static/backgrounds/`), drawn as SVG. */
export const BUILT_IN_BACKGROUNDS = [
	{ id: 'dawn', url: '/backgrounds/dawn.svg' },
	{ id: 'lagoon', url: '/backgrounds/lagoon.svg' },
	{ id: 'studio', url: '/backgrounds/studio.svg' },
	{ id: 'meadow', url: '/backgrounds/meadow.svg' }
] as const;

export type BuiltInBackgroundId = (typeof BUILT_IN_BACKGROUNDS)[number]['id'];

/** The state before anyone picks anything: off, or unavailable from the start. */
export function initialBackground(problem: BackgroundProblem | null = null): BackgroundState {
	return problem
		? { choice: NO_BACKGROUND, status: 'unavailable', problem, detail: '' }
		: { choice: NO_BACKGROUND, status: 'off', problem: null, detail: '' };
}

/** Whether two choices are the same. */
export function sameChoice(a: BackgroundChoice, b: BackgroundChoice): boolean {
	return a.kind === b.kind && (a.kind !== 'image' || a.id === (b as { id: string }).id);
}

/**
 * The person picks `choice`. `ready` says whether the segmenter is loaded already. Nothing
 * changes once effects are unavailable, except going back to none.
 */
export function pick(
	state: BackgroundState,
	choice: BackgroundChoice,
	ready: boolean
): BackgroundState {
	if (state.status === 'unavailable') return { ...state, choice: NO_BACKGROUND };
	if (choice.kind === 'none') return { ...state, choice, status: 'off' };
	return { ...state, choice, status: ready ? 'on' : 'loading' };
}

/** The segmenter has loaded: a pending choice goes on. */
export function loaded(state: BackgroundState): BackgroundState {
	return state.status === 'loading' ? { ...state, status: 'on' } : state;
}

/** Segmentation cannot run (or stopped keeping up): back to none, and the reason stays. */
export function failed(
	state: BackgroundState,
	problem: BackgroundProblem,
	detail = ''
): BackgroundState {
	return { choice: NO_BACKGROUND, status: 'unavailable', problem, detail };
}

/**
 * Why segmentation cannot run in this browser, before trying to load anything; null when it
 * may. `scope` is the global object (a parameter so it can be tested).
 */
export function detectProblem(scope: Record<string, unknown>): BackgroundProblem | null {
	const wasm = scope.WebAssembly as { instantiate?: unknown } | undefined;
	if (typeof wasm !== 'object' || typeof wasm?.instantiate !== 'function') return 'no-webassembly';
	if (typeof scope.createImageBitmap !== 'function') return 'no-canvas';
	return null;
}
