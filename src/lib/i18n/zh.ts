/** Simplified Chinese interface strings (see en.ts), loaded only when Chinese is chosen. */
import type { Catalog } from './i18n.ts';
import { admin } from './zh/admin.ts';
import { calls } from './zh/calls.ts';
import { consoleStrings } from './zh/console.ts';
import { ui } from './zh/ui.ts';
import { widget } from './zh/widget.ts';

export const zh = {
	ui,
	widget,
	calls,
	...admin,
	app: {
		name: 'Parley',
		tagline: '为您的网站提供实时客户服务，运行在您自己的服务器上。'
	},
	common: {
		loading: '正在加载…'
	},
	nav: {
		label: '主导航',
		signUp: '注册',
		logIn: '登录',
		signOut: '退出登录',
		sites: '网站',
		account: '账号',
		console: '控制台'
	},
	console: consoleStrings
} as const satisfies Catalog;
