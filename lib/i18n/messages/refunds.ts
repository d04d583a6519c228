/** Refund of an order the supplier was already paid for (components/orders/refund-after-payout-form.tsx). */
export const refunds = {
  "zh-CN": {
    title: "退款（供应方已收款）",
    card: "退款经 Stripe 退回付款卡；供应方按比例退回其已收款项（从其 Connect 账户冲回），平台服务费按比例退回。",
    invoice: "本订单通过发票直接付款：登记后，记为供应方应退还给你的款项，请与供应方结清。",
    amount: "退款金额（元，最多 {max}）",
    submit: "退款",
    doneCard: "已退款 {amount}，其中 {reversed} 已从供应方冲回。",
    doneInvoice: "已登记：供应方应退还 {amount}。",
    errors: { refundAmount: "请输入大于零且不超过可退金额的数字。", generic: "未能退款：{message}" },
  },
  en: {
    title: "Refund (the supplier has been paid)",
    card: "The refund goes back to the card through Stripe; the supplier's share is taken back from its Connect account and the platform fee is refunded pro rata.",
    invoice: "This order was paid by invoice directly: once recorded, the amount is owed back to you by the supplier; settle it with them.",
    amount: "Amount to refund (yuan, at most {max})",
    submit: "Refund",
    doneCard: "Refunded {amount}; {reversed} was taken back from the supplier.",
    doneInvoice: "Recorded: the supplier owes you {amount}.",
    errors: { refundAmount: "Enter an amount above zero and no more than what is left.", generic: "Could not refund: {message}" },
  },
} as const;
