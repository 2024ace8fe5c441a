/** Helpers shared by the design system's components. */
import { clsx, type ClassValue } from 'clsx';
import { twMerge } from 'tailwind-merge';

/** Joins class names, letting a later Tailwind class override an earlier one of its kind. */
export function cn(...inputs: ClassValue[]): string {
	return twMerge(clsx(inputs));
}

/** Props of a component that exposes its root element through `bind:ref`. */
export type WithElementRef<T, U extends HTMLElement = HTMLElement> = T & { ref?: U | null };
/** A bits-ui props type without its `child` snippet. */
export type WithoutChild<T> = T extends { child?: unknown } ? Omit<T, 'child'> : T;
/** A bits-ui props type without its `children` snippet. */
export type WithoutChildren<T> = T extends { children?: unknown } ? Omit<T, 'children'> : T;
/** A bits-ui props type without `child` and `children`. */
export type WithoutChildrenOrChild<T> = WithoutChildren<WithoutChild<T>>;
