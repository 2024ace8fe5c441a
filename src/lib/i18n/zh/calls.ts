/** Simplified Chinese strings of the call screen (see en/calls.ts). */
import type { calls as en } from '../en/calls.ts';
import type { Translation } from '../languages.ts';

export const calls = {
	title: '与 {{name}} 通话',
	someone: '对方',
	audio: '语音通话',
	video: '视频通话',
	preparing: '正在启动摄像头和麦克风…',
	outgoing: '正在呼叫 {{name}}…',
	incoming: '{{name}} 来电',
	incomingAudio: '语音来电',
	incomingVideo: '视频来电',
	connecting: '正在连接…',
	reconnecting: '连接已断开，正在重新连接…',
	accept: '接听',
	decline: '拒绝',
	mute: '麦克风静音',
	cameraOff: '关闭摄像头',
	switchCamera: '切换摄像头',
	speaker: '对方的声音',
	hangup: '挂断',
	close: '关闭',
	you: '您的摄像头',
	them: '{{name}} 的视频',
	cameraIsOff: '摄像头已关闭',
	effects: '特效',
	effectsTitle: '视频特效',
	badge: '姓名牌',
	logo: '网站标志',
	ended: {
		hangup: '通话已结束',
		'remote-hangup': '对方已挂断',
		declined: '您拒绝了通话',
		'remote-declined': '通话被拒绝',
		cancelled: '通话已取消',
		missed: '无人接听',
		busy: '此对话中已有一个通话在进行',
		closed: '此对话已结束',
		'answered-elsewhere': '已在其他设备上接听',
		'media-denied': '摄像头或麦克风的访问被拒绝。请在浏览器设置中允许后重试。',
		'media-missing': '此设备上没有找到摄像头或麦克风。',
		unsupported: '此浏览器不支持通话。',
		'ice-failed': '无法连接：双方的网络都阻止了直接连接，且没有中继服务器响应。',
		lost: '连接已断开，无法恢复。',
		failed: '通话失败。'
	}
} as const satisfies Translation<typeof en>;
