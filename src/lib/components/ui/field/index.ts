export { default as Field, type FieldControl } from './field.svelte';
