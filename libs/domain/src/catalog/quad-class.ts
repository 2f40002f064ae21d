// CAMEO's four "quad classes", used to colour timelines and weigh alerts.
import { assertNever, type EventType } from './event-types.js';

export type QuadClass =
  'verbal-cooperation' | 'material-cooperation' | 'verbal-conflict' | 'material-conflict' | 'other';

export function quadClass(type: EventType): QuadClass {
  switch (type) {
    case 'TalksStarted':
    case 'MeetingHeld':
    case 'VisitMade':
    case 'LetterSent':
    case 'AgreementReached':
      return 'verbal-cooperation';
    case 'WaiverGranted':
    case 'AidProvided':
    case 'TroopsWithdrawn':
      return 'material-cooperation';
    case 'DemandIssued':
    case 'ThreatIssued':
    case 'AccusationMade':
    case 'RejectionIssued':
      return 'verbal-conflict';
    case 'SanctionsImposed':
    case 'ProtestHeld':
    case 'ForceMobilized':
    case 'AttackCarriedOut':
      return 'material-conflict';
    case 'ResolutionPassed':
    case 'ElectionHeld':
      return 'other';
    default:
      return assertNever(type, 'event type');
  }
}
