export {
  EVENT_TYPES, TOUCHPOINTS, eventTypeNames, eventEnvelopeSchema, validateEvent, isEventType, identitiesOf,
  type EventType, type EventEnvelope, type NormalizedEvent, type Touchpoint,
} from './envelope.ts';
export { ingestEvents, ingestInTransaction, isDataException, type IngestResult, type IngestOptions } from './intake.ts';
