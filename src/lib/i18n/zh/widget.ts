/** Simplified Chinese strings of the chat components and the widget (see en/widget.ts). */
import type { widget as en } from '../en/widget.ts';
import type { Translation } from '../languages.ts';
import { attach } from './attach.ts';

export const widget = {
	attach,
	chat: {
		log: '消息',
		you: '我',
		visitor: '访客',
		agent: '客服',
		today: '今天',
		yesterday: '昨天',
		joined: '{{name}} 加入了对话',
		joinedSomeone: '一位客服加入了对话',
		transferred: '现在由 {{name}} 为您服务',
		transferredSomeone: '现在由另一位客服为您服务',
		transferOffered: '{{from}} 将对话转给 {{to}}',
		transferredAgents: '{{from}} 已将对话交给 {{to}}',
		transferDeclined: '{{to}} 拒绝了转接',
		transferExpired: '转给 {{to}} 的请求未及时回应',
		transferCancelled: '转给 {{to}} 的请求已撤回',
		anyAgent: '任一空闲客服',
		internal: '内部备注 · 访客看不到',
		draft: '回复草稿 · 访客暂时看不到',
		useDraft: '用作回复',
		closedByVisitor: '访客结束了对话',
		closed: '对话已结束',
		state: {
			queued: '正在等待连接',
			sending: '正在发送…',
			sent: '已发送',
			delivered: '已送达',
			read: '已读',
			failed: '未发送'
		},
		failure: {
			network: '未发送：没有网络连接。',
			'rate-limited': '未发送：短时间内消息太多，请稍候。',
			closed: '未发送：对话已结束。',
			held: '未发送：此对话现已由同事接手。',
			'too-long': '未发送：消息太长。',
			refused: '未发送。',
			'too-large': '未发送：文件太大。',
			type: '未发送：不允许此类文件。',
			lost: '未发送：此设备上已找不到该文件。'
		},
		retry: '重试',
		typing: '{{name}} 正在输入…',
		typingSomeone: '正在输入…',
		composer: {
			label: '消息',
			form: '回复',
			placeholder: '输入消息…',
			send: '发送',
			counter: '{{count}} / {{max}}',
			tooLong_other: '超出 {{count}} 个字符',
			closed: '此对话已结束。'
		},
		connection: {
			reconnecting: '正在重新连接…'
		},
		opensInNewTab: '（在新标签页中打开）',
		translation: {
			translated: '已翻译',
			showOriginal: '查看原文',
			showTranslation: '查看译文',
			unavailable: '未翻译：翻译服务暂时不可用。',
			unsupported: '未翻译：不支持这两种语言之间的翻译。'
		}
	},
	widget: {
		title: '与 {{name}} 聊天',
		close: '关闭聊天',
		loading: '正在加载聊天…',
		unavailable: '聊天暂时不可用，请稍后再试。',
		online: '我们在线',
		offline: '我们暂时不在',
		prechat: {
			intro: '开始之前，请告诉我们您是谁。',
			name: '您的姓名',
			email: '您的邮箱',
			optional: '（选填）',
			start: '开始对话',
			starting: '正在开始…'
		},
		leave: {
			title: '给我们留言',
			intro: '现在没有人在线。请留下消息和邮箱，我们会通过邮件回复您。',
			email: '您的邮箱',
			name: '您的姓名',
			message: '您的留言',
			send: '发送留言',
			sending: '正在发送…',
			sent: '谢谢！我们已收到您的留言，会回复到 {{email}}。',
			another: '再写一条留言'
		},
		closed: {
			title: '此对话已结束。',
			again: '开始新对话'
		},
		end: {
			label: '结束对话',
			title: '要结束此对话吗？',
			lead: '客服会看到您结束了对话。您随时可以开始新的对话。',
			cancel: '继续聊天',
			confirm: '结束对话',
			failed: '无法结束对话，请重试。'
		},
		errors: {
			nameRequired: '请输入您的姓名。',
			emailRequired: '请输入您的邮箱地址。',
			emailInvalid: '该邮箱地址似乎不正确。',
			messageRequired: '请输入留言内容。',
			failed: '操作未成功，请重试。'
		},
		preview: {
			label: '聊天窗口预览',
			visitorSample: '你好！可以寄到加拿大吗？',
			agentSample: '可以，配送需要 3 到 5 天。还有什么可以帮您的吗？',
			agentName: '小李',
			accept: '立即聊天',
			decline: '不用了'
		}
	},
	call: {
		startAudio: '发起语音通话',
		startVideo: '发起视频通话',
		summary: {
			audio: '语音通话 · {{duration}}',
			video: '视频通话 · {{duration}}',
			declined: '通话被拒绝',
			cancelled: '通话已取消',
			missed: '未接来电',
			failed: '通话未能接通'
		}
	}
} as const satisfies Translation<typeof en>;
