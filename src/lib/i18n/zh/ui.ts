/** Simplified Chinese strings of the design system's shared components (see en/ui.ts). */
import type { ui as en } from '../en/ui.ts';
import type { Translation } from '../languages.ts';

export const ui = {
	optional: '选填',
	counter: '{{count}} / {{max}}',
	close: '关闭',
	showPassword: '显示密码',
	theme: {
		label: '颜色主题',
		light: '浅色',
		dark: '深色',
		system: '跟随系统'
	},
	language: {
		label: '语言',
		lead: 'Parley 在此设备上使用的语言。',
		browser: '跟随浏览器'
	}
} as const satisfies Translation<typeof en>;
