export { default as Alert, alertVariants, type AlertVariant } from './alert.svelte';
