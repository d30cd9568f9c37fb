export { orderUpdateSchema, parseOrderUpdate, planOrderEvents, type OrderUpdate, type ShopOrderState, type OrderEventDraft } from './order-update.ts';
export { signBody, checkSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER, TOLERANCE_SECONDS } from './signature.ts';
export { addShopSource, rotateShopSecret, setShopSourceDisabled, listShopSources, checkSourceId, type ShopSource } from './sources.ts';
export { applyOrderUpdates, receiveOrderWebhook, recentDeliveries, purgeRefusedDeliveries, MAX_WEBHOOK_BYTES, type OrderUpdateOutcome, type DeliveryLogEntry } from './webhook.ts';
export { importShopOrders, SHOP_ORDER_COLUMNS, type ShopFileSummary } from './order-file.ts';
