/**
 * The notification centre (the bell in the app header) and one sentence per notification kind
 * (`kinds.<kind>`, e.g. kinds.offer.received; chosen by components/notifications/notification-view.ts).
 */
export const notifications = {
  "zh-CN": {
    bell: {
      label: "通知",
      labelUnread: "通知（{count} 条未读）",
      unreadCount: "{count} 条未读",
    },
    panel: {
      title: "通知",
      markAllRead: "全部标为已读",
      marking: "标记中…",
      unread: "未读",
      loading: "正在加载通知…",
      error: "通知加载失败，稍后将自动重试。",
      emptyTitle: "暂无通知",
      emptyBody: "新的调派邀约、邀约被接受或拒绝、需求暂无资源、骑士长时间无响应、任务取消等消息会显示在这里。",
      justNow: "刚刚",
    },
    kinds: {
      fallback: "你有一条新通知。",
      offer: {
        received: "你收到一份新的调派邀约，请在 {until} 前答复。",
        receivedFor: "需求「{need}」邀约你的「{resource}」，请在 {until} 前答复。",
        receivedNoHold: "你收到一份新的调派邀约，请尽快答复。",
        accepted: "供应方已接受你的调派邀约。",
        acceptedFor: "「{resource}」已接受需求「{need}」的调派邀约。",
        declined: "供应方拒绝了你的调派邀约：“{reason}”",
        declinedFor: "「{resource}」拒绝了需求「{need}」的调派邀约：“{reason}”",
        declinedNoReason: "供应方拒绝了你的调派邀约。",
        cancelled: "需求方已取消发给你的调派邀约。",
        cancelledFor: "需求方已取消需求「{need}」发给你的「{resource}」的邀约。",
      },
      assignment: {
        progress: "供应方上报了任务进度：{status}。",
        progressFor: "「{resource}」（需求「{need}」）上报了进度：{status}。",
      },
      need: {
        unmet: "需求「{title}」暂无可用资源（{reason}），请扩大范围、放宽类型或关闭需求。",
        volunteered: "「{supplier}」主动请缨：以「{resource}」响应需求「{need}」，请在匹配面板中查看。",
      },
      dispatch: {
        unmet: "骑士任务「{title}」未能派满（{reason}），已邀约 {offered} 位骑士。",
      },
      knight: {
        restDue: "你已连续在岗较长时间，请休息。",
        autoOffDuty: "你已被自动下线休息。",
        checkInMissed: "执行任务的骑士已{time}无响应，请确认其安全。",
        checkInMissedPlain: "执行任务的骑士长时间无响应，请确认其安全。",
        taskCompleted: "任务已完成，积分已到账。",
        taskCompletedPoints: "任务已完成，获得 {points} 积分。",
        taskCancelled: "任务「{title}」已随需求结束而取消，无需继续前往。",
        taskCancelledByDispatcher: "调度员取消了任务「{title}」，无需继续前往。",
        taskNoShow: "你在任务「{title}」中被标记为未到场，任务已取消。",
      },
      hazard: {
        alert: "危险区域「{zone}」覆盖了你正在执行的任务或已调派的资源，请立即确认安全并听从调度。",
      },
      claim: {
        filed: "「{supplier}」就被征用的「{resource}」提交了补偿申请，合计 {amount}，请逐项审核。",
        lineApproved: "「{resource}」补偿项目「{line}」已核准：{amount}。",
        lineAdjusted: "「{resource}」补偿项目「{line}」由 {claimed} 调整为 {amount}，理由：“{reason}”",
        lineDisputed: "「{resource}」补偿项目「{line}」（{claimed}）被提出异议：“{reason}”，可补充凭证。",
        lineDecided: "「{resource}」的补偿项目「{line}」已审核。",
        paid: "「{resource}」的补偿已标记为支付：{amount}。",
      },
      order: {
        excessRefunded: "一笔订单在取消后才完成付款，多付的 {amount} 已原路退回付款卡。",
      },
    },
  },
  en: {
    bell: {
      label: "Notifications",
      labelUnread: "Notifications ({count} unread)",
      unreadCount: "{count} unread",
    },
    panel: {
      title: "Notifications",
      markAllRead: "Mark all read",
      marking: "Marking…",
      unread: "Unread",
      loading: "Loading notifications…",
      error: "Notifications could not be loaded; retrying shortly.",
      emptyTitle: "No notifications yet",
      emptyBody: "New offers, offers accepted or declined, needs nobody can fill, knights silent on a task and cancelled tasks will appear here.",
      justNow: "just now",
    },
    kinds: {
      fallback: "You have a new notification.",
      offer: {
        received: "You have a new offer; please answer by {until}.",
        receivedFor: "“{need}” asks for your “{resource}”; please answer by {until}.",
        receivedNoHold: "You have a new offer; please answer soon.",
        accepted: "A supplier accepted your offer.",
        acceptedFor: "“{resource}” accepted the offer for “{need}”.",
        declined: "A supplier declined your offer: “{reason}”",
        declinedFor: "“{resource}” declined the offer for “{need}”: “{reason}”",
        declinedNoReason: "A supplier declined your offer.",
        cancelled: "The requester cancelled an offer to you.",
        cancelledFor: "The requester cancelled the offer for your “{resource}” (“{need}”).",
      },
      assignment: {
        progress: "A supplier reported progress: {status}.",
        progressFor: "“{resource}” reported progress on “{need}”: {status}.",
      },
      need: {
        unmet: "Need “{title}” has no available resource ({reason}); widen the range, relax the type or close it.",
        volunteered: "“{supplier}” offered to help on “{need}” with “{resource}”; see the matching panel.",
      },
      dispatch: {
        unmet: "Knight task “{title}” could not be filled ({reason}); {offered} knights were offered it.",
      },
      knight: {
        restDue: "You have been on duty for a long time; please rest.",
        autoOffDuty: "You have been taken off duty to rest.",
        checkInMissed: "A knight on a task has been silent for {time}; please check on them.",
        checkInMissedPlain: "A knight on a task has gone silent; please check on them.",
        taskCompleted: "Task completed; your points have been credited.",
        taskCompletedPoints: "Task completed; you earned {points} points.",
        taskCancelled: "Task “{title}” was cancelled because its need ended; you no longer need to go.",
        taskCancelledByDispatcher: "The dispatcher cancelled task “{title}”; you no longer need to go.",
        taskNoShow: "You were marked as a no-show on task “{title}”; the task was cancelled.",
      },
      hazard: {
        alert: "Hazard zone “{zone}” now covers a task you are on or a resource you committed: check that everyone is safe and follow the dispatcher.",
      },
      claim: {
        filed: "“{supplier}” filed a compensation claim for the requisitioned “{resource}”, {amount} in all; please decide each line.",
        lineApproved: "Claim line “{line}” for “{resource}” was approved: {amount}.",
        lineAdjusted: "Claim line “{line}” for “{resource}” was adjusted from {claimed} to {amount}: “{reason}”",
        lineDisputed: "Claim line “{line}” ({claimed}) for “{resource}” was disputed: “{reason}”; you can add evidence.",
        lineDecided: "Claim line “{line}” for “{resource}” was decided.",
        paid: "The compensation for “{resource}” was marked paid: {amount}.",
      },
      order: {
        excessRefunded: "A payment for an order completed after the order was cancelled; the {amount} not owed was refunded to the card.",
      },
    },
  },
} as const;
