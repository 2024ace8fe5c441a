export { default as RadioGroup } from './radio-group.svelte';
export { default as RadioGroupItem } from './radio-group-item.svelte';
