/** What a call needs on screen, loaded together when a call starts or rings (see CallSlot). */
export { default as CallPanel } from './CallPanel.svelte';
export { CallSession } from '$lib/calls/session.svelte.ts';
export { loadCallStrings } from './strings.ts';
