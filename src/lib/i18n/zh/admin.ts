/** Simplified Chinese strings of the marketing, sign-up, admin and pairing pages (see en/admin.ts). */
import type { admin as en } from '../en/admin.ts';
import type { Translation } from '../languages.ts';

export const admin = {
	shell: {
		sidebar: '侧边栏',
		accountMenu: '账号菜单',
		signedInAs: '已登录为 {{name}}',
		signOutFailed: '无法退出登录：{{message}}',
		goToSites: '前往您的网站',
		openConsole: '打开控制台',
		footer: '开源、自托管的客户服务。',
		signedOutTitle: '您已退出登录'
	},
	home: {
		eyebrow: '自己托管的在线客服',
		demo: {
			site: '街角小店',
			greeting: '您好！订单有疑问吗？我们随时为您解答。'
		},
		title: '与网站上的访客实时交谈',
		lead: 'Parley 让您的团队看到此刻谁在浏览您的网站，并可在手机或平板上发起对话——文字、语音、文件、通话。开源且自托管。',
		features: {
			heading: '功能一览',
			monitoring: '实时查看每位访客：所在页面、来源以及停留时长。',
			invitations: '向访客发出聊天邀请，邀请消息会直接显示在对方页面上。',
			conversations: '用文字、图片、文件和语音消息聊天，或切换到语音、视频通话。',
			translation: '双方各用自己的语言书写，消息自动翻译送达。',
			offline: '客服专用的可安装应用，离线也能使用，并及时通知。'
		},
		cta: '创建账号'
	},
	credentials: {
		email: '邮箱',
		password: '密码'
	},
	signup: {
		title: '创建 Parley 账号',
		lead: '免费且自托管。两分钟即可建好第一个网站。',
		passwordHint: '至少 6 个字符。',
		submit: '创建账号',
		submitting: '正在创建账号…',
		checkEmail: '请查收 {{email}}，点击其中的链接确认您的邮箱地址。',
		failed: '注册失败：{{message}}',
		doneTitle: '账号已就绪',
		done: '您已登录为 {{email}}。',
		nextStep: '下一步，创建您的第一个网站：您会得到一段可粘贴到网页中的代码片段。',
		checkEmailTitle: '请查收邮件',
		continue: '创建第一个网站',
		haveAccount: '已有账号？'
	},
	login: {
		forgot: '忘记密码？',
		title: '登录 Parley',
		lead: '欢迎回来。您的网站和团队都在等您。',
		submit: '登录',
		submitting: '正在登录…',
		failed: '无法登录：{{message}}',
		noAccount: '第一次使用 Parley？',
		signUp: '创建账号'
	},
	authErrors: {
		invalidCredentials: '邮箱或密码错误。',
		userAlreadyExists: '该邮箱已注册账号，请直接登录。',
		weakPassword: '密码强度太弱：{{message}}',
		emailInvalid: '该邮箱地址无效。',
		validationFailed: '请检查邮箱和密码：{{message}}',
		signupDisabled: '此服务器已关闭新用户注册。',
		emailNotConfirmed: '请先确认您的邮箱地址：链接已发送到您的收件箱。',
		rateLimited: '尝试次数过多，请一分钟后再试。',
		userBanned: '此账号已被停用。',
		samePassword: '新密码不能与当前密码相同。',
		emailRateLimited: '刚刚已发送过邮件。请稍候再试。',
		linkExpired: '链接已过期或已被使用。',
		mfaFailed: '验证码不正确。请检查手机时间并使用最新的验证码。',
		mfaNeeded: '请先输入身份验证器应用中的验证码。',
		mfaExpired: '用时过长。请用新的验证码重试。'
	},
	recover: {
		title: '重置密码',
		lead: '输入你登录用的邮箱。我们会发送一个链接，让你设置新密码。',
		submit: '发送链接',
		submitting: '正在发送…',
		sentTitle: '请查看收件箱',
		sent: '如果 {{email}} 有账户，设置新密码的链接已发出。链接只能使用一次；也请查看垃圾邮件文件夹。',
		failed: '无法发送链接：{{message}}',
		remembered: '想起来了？',
		backToLogin: '登录'
	},
	resetPassword: {
		title: '设置新密码',
		lead: '新密码会立即在所有设备上替换旧密码。',
		password: '新密码',
		submit: '保存新密码',
		submitting: '正在保存…',
		failed: '无法保存密码：{{message}}',
		doneTitle: '密码已更改',
		done: '新密码已保存，你已登录。',
		continue: '前往你的网站',
		checking: '正在检查链接…',
		noLink: '请打开重置密码邮件中的链接，在这里设置新密码。',
		linkFailed: '此链接无法使用：{{message}}',
		askAgain: '发送新链接'
	},
	secondFactor: {
		title: '两步验证登录',
		lead: '输入身份验证器应用中的 6 位验证码。',
		code: '验证码',
		submit: '验证',
		submitting: '正在验证…',
		otherAccount: '使用其他账号',
		failed: '无法验证验证码：{{message}}',
		heading: '两步验证登录',
		off: '未开启。开启后，登录时还需输入手机上身份验证器应用中的验证码。',
		on: '已开启。登录时需要身份验证器应用中的验证码，修改网站也需要它。',
		turnOn: '开启',
		turnOff: '关闭',
		scan: '用身份验证器应用（如 Google Authenticator、1Password 或 Aegis）扫描此二维码，然后输入它显示的验证码。',
		qrAlt: '身份验证器应用的二维码',
		keyLabel: '无法扫描？请输入此密钥：',
		confirm: '开启',
		cancel: '取消',
		turnedOn: '两步验证登录已开启。',
		turnedOff: '两步验证登录已关闭。',
		changeFailed: '无法更改两步验证登录：{{message}}'
	},
	sites: {
		title: '您的网站',
		lead: '每个网站都有自己的代码片段、团队和聊天窗口外观。',
		emptyTitle: '还没有网站',
		empty: '还没有网站。创建一个网站即可获得用于网页的代码片段。',
		origins: '允许的来源',
		moreOrigins_other: '另外 {{count}} 个',
		noOrigins: '没有允许的来源：聊天窗口目前不会在任何地方运行。',
		create: '创建网站',
		installed: '已安装',
		waiting: '等待首次访问',
		role: { owner: '所有者', agent: '客服' },
		loadFailed: '无法加载您的网站：{{message}}',
		signInFirst: '登录后即可查看您的网站。'
	},
	newSite: {
		title: '创建网站',
		submit: '创建网站',
		lead: '起个名字，说明聊天窗口可以在哪些网站上运行，再选一个颜色。这些之后都可以修改。'
	},
	siteForm: {
		name: '网站名称',
		origins: '允许的来源',
		originsHint: '可以显示聊天窗口的网站地址，每行一个，例如 https://shop.example.com。',
		color: '聊天窗口颜色',
		position: '按钮位置',
		positionRight: '右下角',
		positionLeft: '左下角',
		greeting: '欢迎语',
		originsPlaceholder: 'https://shop.example.com',
		greetingHint: '访客打开聊天时显示。',
		language: '默认语言',
		saving: '正在保存…',
		saved: '已保存。',
		errors: {
			nameRequired: '请为网站命名。',
			nameTooLong: '名称最多 {{max}} 个字符。',
			originSuggest: '“{{entry}}”不是有效的来源。您是想输入 {{suggestion}} 吗？',
			originNoScheme: '“{{entry}}”前面需要加上 https:// 或 http://。您是想输入 {{suggestion}} 吗？',
			originScheme: '“{{entry}}”不是网址：必须以 https:// 或 http:// 开头。',
			originNotAddress:
				'“{{entry}}”不是网址。请输入聊天窗口可以运行的网站地址，例如 https://shop.example.com。',
			originsRequired:
				'请至少添加一个网址。聊天窗口只在这里列出的地址上运行，一个都没有就不会在任何地方运行。',
			originsRefused: '其中一个允许的来源无效。',
			tooManyOrigins: '一个网站最多可以有 {{max}} 个允许的来源。',
			color: '请选择颜色。',
			position: '请选择按钮的位置。',
			greetingTooLong: '欢迎语有 {{length}} 个字符，最多只能 {{max}} 个。未保存任何内容。',
			greetingLimit: '欢迎语最多 {{max}} 个字符。',
			language: '请选择语言。',
			forbidden: '只有网站所有者可以修改。',
			other: '无法保存：{{message}}'
		}
	},
	chatSettings: {
		heading: '对话',
		lead: '聊天前向访客询问的信息、客服发出的邀请，以及对话的各项限制。',
		prechat: '聊天前询问',
		prechatName: '姓名',
		prechatEmail: '邮箱',
		prechatHint: '在聊天窗口中、第一条消息之前询问。两项都关闭时，访客可以直接开始输入。',
		rules: { off: '不询问', optional: '询问，选填', required: '询问，必填' },
		messages: '已保存的邀请消息',
		messagesHint: '每行一条，最多 {{max}} 条。客服邀请访客聊天时可从中选择。',
		messagesPlaceholder: '您好！需要我帮您找点什么吗？',
		ttl: '邀请等待时间（秒）',
		ttlHint: '{{min}} 到 {{max}} 秒；访客未回应则邀请过期。',
		attachment: '附件大小上限（MB）',
		attachmentHint: '{{min}} 到 {{max}} MB，适用于双方发送的图片、文件和语音消息。',
		retention: '未聊天访客的保留时间（天）',
		retentionHint: '最后一次访问后 {{min}} 到 {{max}} 天；聊过天的访客会一直保留。',
		submit: '保存对话设置',
		errors: {
			prechat: '请选择是否询问。',
			ttl: '请输入 {{min}} 到 {{max}} 之间的整数秒数。',
			retention: '请输入 {{min}} 到 {{max}} 之间的整数天数。',
			attachment: '请输入 {{min}} 到 {{max}} 之间的整数兆字节。',
			messageTooLong: '第 {{line}} 条消息超过 {{max}} 个字符。未保存任何内容。',
			tooManyMessages_other: '共有 {{count}} 条消息；一个网站最多保存 {{max}} 条。',
			messagesRefused: '最多保存 {{max}} 条消息，每条最多 {{chars}} 个字符。'
		}
	},
	callBackgrounds: {
		heading: '通话背景',
		lead: '客服和访客在视频通话中可以放在身后的图片，与 Parley 自带的并列。JPEG、PNG 或 WebP，最大 {{max}}；更大的图片会在上传前缩小到 {{side}} 像素。',
		listLabel: '本网站的通话背景',
		item: '背景 {{n}}',
		empty: '还没有自己的图片：通话中提供 Parley 自带的四张。',
		count: '{{count}} / {{max}}',
		add: '添加图片',
		adding: '正在上传…',
		added: '已添加，从现在起会在通话中提供。',
		remove: '移除背景 {{n}}',
		loadFailed: '背景未能加载：{{message}}',
		problems: {
			full: '本网站已有 {{max}} 张背景。请先移除一张再添加。',
			type: '该文件不是 Parley 可用的图片。请选择 JPEG、PNG 或 WebP 图片。',
			'too-large': '该图片缩小后仍超过 {{mb}} MB。',
			'not-image': '无法将该文件读取为图片。',
			forbidden: '只有网站所有者可以更改背景。',
			network: '连接失败，请重试。',
			other: '操作未成功：{{message}}'
		}
	},
	site: {
		notFoundTitle: '找不到网站',
		notFound: '此网站不存在，或您不是它的成员。',
		sections: '网站设置分区',
		tabs: {
			install: '安装',
			staff: '团队和设备',
			appearance: '外观',
			settings: '设置',
			danger: '危险操作'
		},
		appearance: {
			heading: '外观',
			lead: '聊天窗口在您网站上的样子。预览会随您的输入实时更新。',
			preview: '预览',
			untitled: '您的网站'
		},
		loadFailed: '无法加载网站：{{message}}',
		backToSites: '全部网站',
		install: {
			heading: '安装代码片段',
			lead: '将这行代码粘贴到网站的每个页面中，放在 </body> 结束标签之前：',
			label: '代码片段',
			copy: '复制代码片段',
			copied: '已复制到剪贴板。',
			copyFailed: '此处无法复制：请选中代码片段后手动复制。',
			notes:
				'聊天窗口只在网站允许的来源上运行（见“设置”）。大多数建站工具都有“自定义代码”或“页脚脚本”之类的设置，可用于粘贴。',
			waiting: '等待首次访问…',
			installed: '已于 {{time}} 在 {{page}} 上安装。',
			noOriginsTitle: '聊天窗口目前不会在任何地方运行',
			noOrigins: '此网站没有允许的来源。请在“设置”中添加您的网站地址，否则代码片段不会起作用。'
		},
		settings: {
			heading: '设置',
			lead: '网站名称、聊天窗口可运行的位置，以及语言。',
			submit: '保存更改'
		},
		danger: {
			heading: '删除此网站',
			lead: '删除会移除网站、其代码片段密钥、访客、对话以及团队的访问权限。此操作无法撤销。',
			start: '删除网站…',
			confirmTitle: '要删除“{{name}}”吗？',
			confirm: '永久删除“{{name}}”',
			cancel: '保留网站',
			deleting: '正在删除…',
			failed: '无法删除网站：{{message}}'
		}
	},
	staff: {
		heading: '团队和设备',
		lead: '按姓名邀请每位成员。对方在手机或平板上打开配对链接（或扫描二维码），即可在该设备上登录控制台。每个链接只能使用一次，24 小时内有效。',
		name: '姓名',
		email: '邮箱（选填）',
		invite: '创建配对链接',
		inviteForm: '邀请成员',
		removeTitle: '要移除 {{name}} 吗？',
		removeLead:
			'对方的手机和平板会立即退出登录，除非对方还在为您的其他网站工作。对方的对话会保留。',
		linkFor: '{{name}} 的配对链接',
		members: '此网站的成员',
		invitations: '配对链接',
		you: '我',
		remove: '移除',
		removeNamed: '移除 {{name}}',
		confirmRemove: '移除 {{name}} 并让其设备退出登录',
		cancel: '取消',
		revoke: '撤销',
		revokeNamed: '撤销 {{name}} 的链接',
		until: '有效期至 {{time}}',
		state: {
			pending: '等待打开',
			used: '已使用',
			revoked: '已撤销',
			expired: '已过期'
		},
		errors: {
			nameRequired: '请输入成员姓名。',
			email: '该邮箱地址似乎不正确。',
			other: '出了点问题：{{message}}'
		}
	},
	links: {
		qrLabel: '二维码：{{heading}}',
		copy: '复制链接',
		copied: '链接已复制。',
		copyFailed: '此处无法复制：请选中链接后手动复制。',
		expires: '仅可使用一次，有效期至 {{time}}。'
	},
	phone: {
		heading: '在手机上打开控制台',
		lead: '用您自己的手机或平板扫描此二维码，即可以您的身份登录控制台。',
		show: '显示我的二维码',
		again: '显示新的二维码',
		cardHeading: '您的设备链接',
		otherDevice: '登录其他设备',
		otherDeviceLead: '用您的另一部手机或平板扫描此二维码，即可以您的身份登录控制台。',
		failed: '无法创建链接：{{message}}'
	},
	account: {
		title: '您的账号',
		signInFirst: '登录后即可查看您的账号。',
		email: '邮箱',
		since: '注册时间',
		memberSince: '注册于 {{date}}',
		password: {
			heading: '修改密码',
			new: '新密码',
			submit: '修改密码',
			done: '密码已修改。',
			failed: '无法修改密码：{{message}}'
		},
		sessions: {
			heading: '退出登录',
			lead: '在此浏览器上退出，或在所有以您身份登录的设备（包括手机和平板）上退出。',
			here: '在此退出',
			everywhere: '在所有设备上退出'
		}
	},
	pair: {
		title: '配对此设备',
		lead: '此链接会让这部手机或平板登录 Parley 控制台。',
		working: '正在登录此设备…',
		done: '此设备已登录，正在打开控制台…',
		openConsole: '打开控制台',
		replace: {
			lead: '此设备当前以 {{name}} 的身份登录。打开此链接会改用链接登录，{{name}} 将在此设备上退出。',
			continue: '使用此链接',
			keep: '继续以 {{name}} 的身份登录'
		},
		refused: {
			missing: '此链接不完整。请打开完整的配对链接，或重新扫描二维码。',
			unknown: '此配对链接无效。请向网站所有者索取新的链接。',
			used: '此配对链接已被使用。每个链接只能使用一次：请向网站所有者索取新的链接。',
			revoked: '网站所有者已撤销此配对链接。请向对方索取新的链接。',
			expired: '此配对链接已过期。请索取新的链接。',
			failed: '这次配对未成功：{{message}}。请重新打开链接。'
		}
	},
	pwa: {
		install: {
			title: '在此设备上安装 Parley',
			lead: '像其他应用一样从主屏幕打开控制台，网络中断时也能继续查看对话。',
			button: '安装',
			installing: '正在安装…',
			dismiss: '以后再说',
			steps: {
				iosShare: '点按浏览器工具栏中的“分享”按钮。',
				iosAdd: '选择“添加到主屏幕”，然后点按“添加”。',
				androidMenu: '打开浏览器菜单（⋮）。',
				androidInstall: '选择“安装应用”或“添加到主屏幕”。',
				mobileMenu: '打开浏览器菜单。',
				mobileAdd: '选择“添加到主屏幕”或“安装应用”。'
			},
			hints: {
				safariMac: '在菜单栏中选择“文件”，然后选择“添加到程序坞”。',
				firefoxDesktop: '此浏览器无法安装应用。请在 Chrome、Edge 或 Safari 中打开此页面进行安装。',
				desktop: '点击地址栏中的安装图标，或打开浏览器菜单并选择“安装应用”。'
			}
		},
		update: {
			ready: 'Parley 新版本已就绪。',
			apply: '重新加载以更新',
			applying: '正在更新…'
		}
	},
	setup: {
		heading: '设置您的网站',
		progress: '已完成 {{done}} / {{total}}',
		done: '已完成',
		todo: '待完成',
		created: { title: '网站已创建', hint: '' },
		installed: {
			title: '代码片段已安装',
			hint: '将代码片段粘贴到网页中；首次访问后此项会自动勾选。',
			action: '获取代码片段'
		},
		paired: {
			title: '首位客服已配对',
			hint: '创建配对链接，并在手机或平板上打开。',
			action: '邀请团队成员'
		},
		conversation: {
			title: '第一次对话',
			hint: '打开控制台向访客打个招呼，或等待访客来信。',
			action: '打开控制台'
		}
	}
} as const satisfies Translation<typeof en>;
