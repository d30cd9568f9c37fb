/** WeCom (企业微信): callback crypto and door, event mapping, API client, sync, tag push, channel codes, mass-message delivery. */
export {
  CRYPTO_ERRORS, WecomCryptoError, decodeAesKey, decryptMessage, encryptMessage, signature, verifySignature, pkcs7Pad, pkcs7Unpad,
} from './crypto.ts';
export { parseWecomXml, buildEnvelope, buildReply, buildMessageXml, type WecomXml } from './xml.ts';
export { interpretCallback, contactAddedEvent, contactRemovedEvent, groupMembershipEvents, type WecomChange, type CallbackMessage } from './mapping.ts';
export { retryOf, errorKindOf } from './backoff.ts';
export { createWecomClient, clearTokenCache, WecomApiError, DEFAULT_API_BASE, type WecomClient, type ClientOptions } from './client.ts';
export {
  setWecomConfig, getWecomConfig, showWecomConfig, requireWecomConfig, wecomConfigSchema, defaultClientFactory,
  type WecomConfig, type WecomConfigInput, type WecomConfigView, type ClientFactory,
} from './config.ts';
export { secretKeyFile } from './secrets.ts';
export { verifyCallbackUrl, receiveCallback, listInbox, onInboxStored, type CallbackOutcome, type CallbackQuery, type InboxEntry } from './callback.ts';
export { processWecomInbox, type ProcessOptions, type ProcessResult } from './process.ts';
export { startWecomWorker, type WorkerOptions } from './worker.ts';
export { syncWecom, reconcileWecom, pushTagChanges, type ReconcileReport, type PushReport, type SyncOptions } from './sync.ts';
export { WECOM_CATEGORY, CHANNEL_GROUP } from './taxonomy.ts';
export {
  createContactWay, listContactWays, sendWelcomeMessage, createMomentTask, transferCustomers, type ContactWay, type TransferReport,
} from './actions.ts';
export { sendTasksToWecom, collectTaskResults, type TaskSendReport, type TaskResultsReport, type TaskSendOptions } from './task-delivery.ts';
export { pushRemarks, pullRemark, type RemarkPushReport } from './remarks.ts';
export { deliverMassMessages, collectMassMessageResults, type DeliveryReport, type ResultsReport } from './delivery.ts';
export { FakeWecom, type FakeWecomOptions } from './fake/server.ts';
export { mediaIdOf, messageAttachmentsOf, momentAttachmentsOf, type MediaPurpose } from './media.ts';
export { MultipartFile } from './client.ts';
export { publishDueMoments, collectMomentResults, type PublishReport, type MomentResultsReport, type MomentsOptions } from './moments.ts';
export {
  syncGroups, createJoinWay, listJoinWays, queueGroupSopSteps, sendGroupMessages, collectGroupSendResults, type JoinWay, type GroupSendReport, type GroupOptions,
} from './groups.ts';
