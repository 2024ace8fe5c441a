export { default as PasswordInput } from './password-input.svelte';
