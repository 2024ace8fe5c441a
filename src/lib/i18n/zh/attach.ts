/** Simplified Chinese strings of attachments and voice messages (see en/attach.ts). */
import type { attach as en } from '../en/attach.ts';
import type { Translation } from '../languages.ts';

export const attach = {
	add: '添加附件',
	camera: '拍照',
	image: '图片 {{name}}',
	open: '打开 {{name}}',
	download: '下载 {{name}}（{{type}}，{{size}}）',
	uploading: '正在上传 {{percent}}%',
	waiting: '正在等待连接',
	cancel: '取消发送 {{name}}',
	remove: '移除',
	loading: '正在加载…',
	unavailable: '暂时无法发送文件，请重试。',
	dismiss: '关闭',
	refused: {
		'too-large': '“{{name}}”太大，无法发送：上限为 {{max}}。',
		type: '无法发送“{{name}}”：不允许此类文件。',
		empty: '“{{name}}”是空文件。'
	},
	kind: {
		pdf: 'PDF',
		image: '图片',
		audio: '音频',
		video: '视频',
		text: '文本',
		document: '文档',
		spreadsheet: '电子表格',
		presentation: '演示文稿',
		archive: '压缩包',
		file: '文件'
	},
	voice: {
		record: '录制语音消息',
		recording: '正在录音 {{duration}}',
		stop: '停止并发送',
		cancel: '取消录音',
		play: '播放语音消息（{{duration}}）',
		pause: '暂停语音消息',
		playing: '正在播放',
		queued: '下一条',
		tapToPlay: '点按播放',
		denied: '麦克风不可用。请在浏览器中允许使用麦克风后再录音。',
		unsupported: '此浏览器无法录制语音消息。'
	}
} as const satisfies Translation<typeof en>;
