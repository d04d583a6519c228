/** Live-connection status shown next to feeds that update in real time. */
export const live = {
  "zh-CN": {
    state: {
      idle: "未连接",
      connecting: "正在连接…",
      live: "实时",
      reconnecting: "正在重新连接…",
      denied: "无权接收实时更新",
    },
  },
  en: {
    state: {
      idle: "Offline",
      connecting: "Connecting…",
      live: "Live",
      reconnecting: "Reconnecting…",
      denied: "Not allowed to follow live updates",
    },
  },
} as const;
