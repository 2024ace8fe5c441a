export { default as EmptyState } from './empty-state.svelte';
