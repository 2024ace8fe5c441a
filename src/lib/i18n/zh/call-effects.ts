/** Simplified Chinese strings of the call's effects sheet (see en/call-effects.ts). */
import type { callEffects as en } from '../en/call-effects.ts';
import type { Translation } from '../languages.ts';

export const callEffects = {
	overlays: '叠加',
	background: '背景',
	backgroundNone: '无',
	backgroundBlur: '模糊',
	backgroundImages: {
		dawn: '黎明',
		lagoon: '泻湖',
		studio: '工作室',
		meadow: '草地'
	},
	backgroundLoading: '正在加载背景特效…',
	siteBackground: '网站图片 {{n}}',
	siteBackgroundsLoading: '正在加载网站的图片…',
	siteBackgroundsFailed: '网站自己的图片未能加载。',
	backgroundLocal: '在此设备上处理：画面不会发送到任何地方。',
	backgroundsUnavailable: '此设备无法使用背景特效：{{reason}}',
	backgroundProblem: {
		'no-webassembly': '此浏览器无法运行 WebAssembly。',
		'no-canvas': '此浏览器无法处理视频帧。',
		'load-failed': '人像识别未能加载。',
		'too-slow': '此设备速度太慢，跟不上摄像头。'
	}
} as const satisfies Translation<typeof en>;
