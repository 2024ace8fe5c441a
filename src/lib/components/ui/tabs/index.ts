import { Tabs as TabsPrimitive } from 'bits-ui';

export { default as TabsList } from './tabs-list.svelte';
export { default as TabsTrigger } from './tabs-trigger.svelte';
export const Tabs = TabsPrimitive.Root;
export const TabsContent = TabsPrimitive.Content;
