export { default as Button, buttonVariants } from './button.svelte';
export type { ButtonProps, ButtonSize, ButtonVariant } from './button.svelte';
