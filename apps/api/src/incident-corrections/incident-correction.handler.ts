import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  INCIDENT_CORRECTIONS_STREAM,
  type IncidentCorrectionCommand,
  type IncidentCorrectionEvent,
  incidentCorrectionsDecider,
} from '#domain';
import { EventStore, handleCommand } from '#event-store';

/** A merge or split, dispatched through the CommandBus. */
export class CorrectIncidents {
  constructor(
    readonly command: IncidentCorrectionCommand,
    readonly metadata: { actor: string; reason: string; correlationId: string },
  ) {}
}

/** What a merge or split appended; the incidents read model follows from the log. */
export interface IncidentCorrectionResult {
  stream: string;
  streamVersion: number;
  appended: IncidentCorrectionEvent[];
}

/** The incident-corrections stream's decider through the one command handler. */
@CommandHandler(CorrectIncidents)
export class IncidentCorrectionHandler implements ICommandHandler<CorrectIncidents, IncidentCorrectionResult> {
  constructor(private readonly store: EventStore) {}

  async execute({ command, metadata }: CorrectIncidents): Promise<IncidentCorrectionResult> {
    const outcome = await handleCommand(this.store, INCIDENT_CORRECTIONS_STREAM, incidentCorrectionsDecider, command, {
      metadata,
    });
    return {
      stream: INCIDENT_CORRECTIONS_STREAM,
      streamVersion: outcome.nextExpectedVersion,
      appended: outcome.events.map(({ type, data }) => ({ type, data }) as IncidentCorrectionEvent),
    };
  }
}
