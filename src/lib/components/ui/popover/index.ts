import { Popover as PopoverPrimitive } from 'bits-ui';

export { default as PopoverContent } from './popover-content.svelte';
export const Popover = PopoverPrimitive.Root;
export const PopoverTrigger = PopoverPrimitive.Trigger;
