/** Simplified Chinese strings of the agent console (see en/console.ts). */
import type { consoleStrings as en } from '../en/console.ts';
import type { Translation } from '../languages.ts';

export const consoleStrings = {
	title: '控制台',
	loading: '正在打开控制台…',
	signedOut: '此设备尚未登录。请打开网站所有者发给您的配对链接，或直接登录。',
	signedInAs: '已登录为 {{name}}',
	loadFailed: '无法加载您的网站：{{message}}',
	noSites: '您（已）不是任何网站的成员。请向网站所有者索取新的配对链接。',
	sites: '您的网站',
	nav: {
		label: '控制台',
		visitors: '访客',
		conversations: '对话',
		settings: '设置',
		admin: '管理',
		liveVisitors_other: '{{count}} 位实时访客',
		unread_other: '{{count}} 个未读对话'
	},
	site: {
		switch: '切换网站',
		choose: '您的网站'
	},
	push: {
		heading: '通知',
		lead: '当访客发起对话、接受您的邀请或给您发消息时，在此设备上接收通知。',
		on: '此设备已开启',
		off: '此设备已关闭',
		blocked: '已被浏览器阻止',
		blockedHelp:
			'此网站的通知已在浏览器设置中被阻止。请在那里允许（地址栏左侧的图标），然后返回此页。',
		unsupported: '此处不支持',
		unsupportedHelp:
			'此浏览器无法接收推送通知。在 iPhone 和 iPad 上，请先将 Parley 添加到主屏幕，再从主屏幕打开。',
		turnOn: '开启通知',
		turnOff: '关闭',
		working: '请稍候…',
		failed: '无法更改通知设置：{{message}}',
		visibleNote: '当您面前开着控制台时，会由控制台直接提醒您。',
		notification: {
			visitor: '访客',
			started: '{{site}} 上有新对话',
			startedBody: '{{name}} 正在等待回复',
			message: '{{name}}',
			messages: '{{count}} 条新消息：{{preview}}',
			accepted: '{{name}} 接受了您的邀请',
			acceptedBody: '正在 {{site}} 上聊天',
			transfer: '有一个对话转给您',
			transferBody: '{{site}} 上的 {{name}}',
			image: '发送了一张图片',
			file: '发送了一个文件',
			voice: '发送了一条语音消息',
			callAudio: '语音来电',
			callVideo: '视频来电',
			callBody: '{{name}} 从 {{site}} 打来电话'
		}
	},
	connection: {
		online: '已连接',
		reconnecting: '正在重新连接…',
		offline: '离线',
		queued_other: '{{count}} 条回复待发送'
	},
	availability: {
		label: '可接待聊天',
		online: '在线',
		away: '离开',
		failed: '无法更改您的状态：{{message}}',
		lead: '您在线时，访客可以发起聊天，网站的聊天窗口也会显示有人在。选择“离开”会保持控制台打开，但不接收新聊天。'
	},
	visitors: {
		title: '访客',
		count_other: '当前 {{count}} 人在线',
		shown: '显示 {{shown}} / {{count}}',
		list: '实时访客',
		loadFailed: '无法加载访客：{{message}}',
		asOf: '未连接：这些访客在 {{time}} 时在网站上。',
		emptyTitle: '现在网站上没有访客',
		emptyInstalled: '访客一打开 {{site}} 的页面就会出现在这里，并显示所在页面、来源以及停留时长。',
		emptyNotInstalled: '在网站上安装代码片段后，即可在这里实时看到访客、所在页面和停留时长。',
		emptyAgent: '请网站所有者在网站上安装代码片段，之后访客就会实时显示在这里。',
		installStep: '安装代码片段',
		noMatchTitle: '没有符合筛选条件的访客',
		noMatch: '清除筛选条件即可查看所有在线访客。',
		clearFilters: '清除筛选',
		direct: '直接访问',
		from: '来自 {{host}}',
		pages_other: '{{count}} 个页面',
		onSite: '停留时长',
		new: '新访客',
		returning: '回访 · 第 {{count}} 次',
		untitled: '无标题页面',
		open: '邀请 {{name}}',
		device: {
			phone: '手机',
			tablet: '平板',
			desktop: '电脑'
		},
		filter: {
			label: '筛选访客',
			page: '页面',
			pagePlaceholder: '网址或标题',
			language: '语言',
			anyLanguage: '所有语言',
			recurrence: '访客',
			all: '全部',
			new: '新访客',
			returning: '回访'
		}
	},
	invite: {
		title: '邀请聊天',
		message: '消息',
		messageHint: '留空则发送网站的欢迎语。',
		saved: '已保存的欢迎语',
		send: '发送邀请',
		sending: '正在发送…',
		cancel: '撤回',
		again: '再次邀请',
		openChat: '打开对话',
		failed: '无法发送邀请：{{message}}',
		gone: '该访客已离开网站。',
		state: {
			sent: '邀请已发送 · 剩余 {{seconds}} 秒',
			seen: '访客已看到 · 剩余 {{seconds}} 秒',
			accepted: '已接受',
			declined: '已拒绝',
			expired: '已过期，无人回应',
			cancelled: '已撤回'
		},
		badge: {
			sent: '已邀请',
			seen: '已看到邀请',
			accepted: '已接受',
			declined: '已拒绝',
			expired: '已过期',
			cancelled: '已撤回',
			countdown: '{{seconds}} 秒'
		},
		byColleague: '{{name}} 发出的邀请'
	},
	conversations: {
		title: '对话',
		list: '对话',
		views: {
			label: '显示',
			unassigned: '未分配',
			mine: '我的',
			all: '全部进行中',
			closed: '已结束',
			offline: '留言'
		},
		loadFailed: '无法加载对话：{{message}}',
		empty: {
			unassigned:
				'访客发起的新聊天会出现在这里，直到有人接手。您也可以在“访客”标签页邀请访客，主动发起聊天。',
			mine: '您接手或通过邀请发起的聊天会出现在这里。',
			all: '网站所有进行中的聊天都会出现在这里，无论由谁接待。',
			closed: '已结束的聊天会保留在这里，方便您回看。',
			offline: '没有人在线时，访客可以留下消息和邮箱。这些留言会在这里等您处理。'
		},
		emptyTitle: {
			unassigned: '没有等待中的聊天',
			mine: '您没有进行中的聊天',
			all: '没有进行中的聊天',
			closed: '还没有已结束的聊天',
			offline: '没有留言'
		},
		goVisitors: '查看在线访客',
		pick: '选择一个对话',
		pickLead: '从列表中选择一个聊天来阅读和回复。',
		anonymous: '访客 {{id}}',
		unread_other: '{{count}} 条未读',
		noMessages: '还没有消息',
		more_other: '显示更多（还有 {{count}} 个较早的）',
		unassignedBadge: '未分配',
		takenBy: '由 {{name}} 接待',
		yours: '我的',
		closedBadge: '已结束',
		leftMessage: '留言'
	},
	conversation: {
		back: '返回对话列表',
		take: '接手',
		taking: '正在接手…',
		close: '结束',
		closing: '正在结束…',
		closeConfirm: '要结束此对话吗？',
		keepOpen: '保持进行中',
		closeAction: '结束对话',
		closeLead: '访客会看到对话已结束，并可以发起新对话。',
		takenBy: '{{name}} 接手了此对话。',
		takenBySomeone: '一位同事接手了此对话。',
		takeFirst: '接手此对话后才能回复。',
		closed: '此对话已结束。',
		notFound: '此对话不存在，或不属于您的网站。',
		failed: '操作未成功：{{message}}',
		details: '访客',
		detailsShow: '访客详情',
		name: '姓名',
		email: '邮箱',
		page: '当前页面',
		language: '语言',
		device: '设备',
		referrer: '来源',
		started: '开始时间',
		notOnline: '当前不在网站上',
		loading: '正在加载对话…'
	},
	team: {
		title: '团队',
		button: '团队：{{count}} 人在线',
		empty: '控制台里没有其他人。',
		you: '{{name}}（我）',
		unnamed: '客服',
		open_other: '{{count}} 个进行中'
	},
	sound: {
		title: '声音与离开',
		locked: '在您点按屏幕之前，声音处于关闭状态。',
		unlock: '开启声音',
		label: '新聊天和新消息提示音',
		lead: '有新对话和访客消息时响铃并振动，正在阅读的对话除外。应用图标会显示未读对话的数量。',
		test: '播放测试音',
		awayAfter: '无操作多久后设为离开',
		awayLead: '离开期间，访客可以留言。您回来后控制台会恢复在线，除非是您自己选择了“离开”。',
		never: '从不',
		minutes_other: '{{count}} 分钟'
	},
	settings: {
		title: '设置',
		availability: '接待状态',
		appearance: '外观',
		themeLead: '浅色、深色，或与此设备一致。',
		install: '安装应用',
		installed: '此设备已安装 Parley。',
		installNow: '安装',
		adminLead: '网站、团队、代码片段和您的账号。',
		sites: '您的网站',
		signOut: '退出登录'
	},
	call: {
		ringingVideo: '{{name}} 正在呼叫您（视频）',
		ringingAudio: '{{name}} 正在呼叫您（语音）',
		ringingSite: '{{site}} 上有访客来电',
		open: '打开'
	}
} as const satisfies Translation<typeof en>;
