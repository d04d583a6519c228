/**
 * Knight dispatch vocabulary shared by the knight app and the dispatcher's card: task kinds, distance bands,
 * and why an offer was withdrawn or a task cancelled. The screens' own wording is in knightApp / knightDispatch.
 */
export const dispatch = {
  "zh-CN": {
    taskKind: { DELIVERY: "配送", ERRAND: "跑腿", RECON: "现场侦察" },
    bands: { "<1 km": "1 公里内", "1–3 km": "1–3 公里", "3–5 km": "3–5 公里", "5–10 km": "5–10 公里", ">10 km": "10 公里以上" },
    withdrawReason: { FILLED: "名额已满，请待命", CANCELLED: "任务已取消", EXPIRED: "邀约已超时" },
    cancelReason: {
      CANCELLED: "调度员取消了任务",
      NO_SHOW: "被标记为未到场",
      WITHDRAWN_BY_KNIGHT: "你已退出该任务",
      NEED_CANCELLED: "需求方已撤销该需求，无需继续前往",
      NEED_CLOSED: "该需求已关闭，无需继续前往",
    },
  },
  en: {
    taskKind: { DELIVERY: "Delivery", ERRAND: "Errand", RECON: "Reconnaissance" },
    bands: { "<1 km": "under 1 km", "1–3 km": "1–3 km", "3–5 km": "3–5 km", "5–10 km": "5–10 km", ">10 km": "over 10 km" },
    withdrawReason: { FILLED: "All places are taken — stand down", CANCELLED: "The task was cancelled", EXPIRED: "The offer expired" },
    cancelReason: {
      CANCELLED: "The dispatcher cancelled the task",
      NO_SHOW: "Marked as a no-show",
      WITHDRAWN_BY_KNIGHT: "You withdrew from this task",
      NEED_CANCELLED: "The requester cancelled this need — you no longer need to go",
      NEED_CLOSED: "This need was closed — you no longer need to go",
    },
  },
} as const;
