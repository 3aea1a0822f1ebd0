// The public API of the fault loop between the fab and the equipment makers (docs/fab.md §11): the
// ticket workflow, verification and response times, tickets in the store, the ticket service and its
// routes' actor, webhooks to the makers' systems (§13), and the accounts' building blocks (§14).
export {
  can,
  canSeeTool,
  type OrganisationSide,
  type Permission,
  type Principal,
  roleFitsSide,
} from './accounts/access.js';
export { type LimitCheck, LoginLimiter, type LoginLimiterOptions } from './accounts/login-limiter.js';
export { makerView, toolsOf } from './accounts/maker-view.js';
export {
  DEFAULT_SCRYPT,
  hashPassword,
  needsRehash,
  passwordProblem,
  type ScryptParams,
  verifyPassword,
} from './accounts/password.js';
export {
  csrfMatches,
  type NewSession,
  type NewToken,
  newSession,
  newToken,
  parseToken,
  secretHash,
  secretMatches,
} from './accounts/secrets.js';
export { type ApiAuthMode, LOCAL_PRINCIPAL } from './api/request-auth.js';
export {
  type CataloguePoint,
  type Coverage,
  type CoverageStatus,
  faultPointCoverage,
  type PointCoverage,
} from './loop/coverage.js';
export { type CatalogueOf, registerCoverageRoutes } from './loop/coverage-routes.js';
export {
  figures as hoursFigures,
  type HoursFigures,
  RESPONSE_TARGET_HOURS,
  type ResponseGroup,
  type ResponseSummary,
  responseSummary,
  type TicketTimes,
} from './loop/response-times.js';
export { ticketResponseSummary, ticketVerification } from './loop/ticket-figures.js';
export {
  type Occurrence,
  type Report,
  SYSTEM_ACTOR,
  type TicketEvent,
  TicketService,
  type TicketServiceCode,
  type TicketServiceOptions,
  type Violation,
} from './loop/ticket-service.js';
export {
  alarmOpensTicket,
  DEFAULT_TICKET_SETTINGS,
  type TicketSettings,
  type TicketSettingsFile,
  ticketSettingsSchema,
} from './loop/ticket-settings.js';
export { forwardTicketEvents, ticketNotificationData } from './loop/ticket-webhooks.js';
export {
  type Actor,
  type Applied,
  allowedActions,
  applyTicketAction,
  type DeployedFix,
  newTicketCore,
  OPEN_TICKET_STATES,
  ROLES,
  type Role,
  recurrenceOpensNew,
  TICKET_STATES,
  type TicketAction,
  type TicketActionKind,
  type TicketChange,
  type TicketCore,
  type TicketState,
  type WorkflowIssueCode,
} from './loop/ticket-workflow.js';
export {
  type FigureInput,
  type VerificationCheck,
  type VerificationInput,
  verificationCheck,
} from './loop/verification.js';
export {
  SIGNATURE_HEADER,
  type SignatureCheck,
  signatureHeader,
  verifySignature,
} from './loop/webhook-signature.js';
export {
  type DeadLetter,
  type Notification,
  type WebhookCounters,
  WebhookDispatcher,
  type WebhookOptions,
  type WebhookTarget,
  webhookTargetSchema,
} from './loop/webhooks.js';
export {
  DEFAULT_WORK_CALENDAR,
  localMonth,
  parseWorkCalendar,
  type WorkCalendar,
  type WorkCalendarFile,
  workCalendarSchema,
  workingHours,
  workingMs,
} from './loop/work-calendar.js';
export {
  type ApiTokenRecord,
  type AuditLine,
  type NewAuditLine,
  TOKEN_SCOPES,
  type TokenScope,
  USER_ID,
  type UserRecord,
} from './store/account-records.js';
export {
  type Attachment,
  type AttachmentInfo,
  MAX_ATTACHMENT_BYTES,
  type NewAttachment,
  type NewTicket,
  type OpenAction,
  type StoredTicket,
  TICKET_SOURCES,
  type TicketHistoryLine,
  type TicketListItem,
  type TicketQuery,
  type TicketSource,
  ticketId,
  ticketSeq,
} from './store/ticket-records.js';
