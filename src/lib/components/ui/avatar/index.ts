export { default as Avatar } from './avatar.svelte';
