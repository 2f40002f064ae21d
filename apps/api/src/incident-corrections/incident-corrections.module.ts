import { Module } from '@nestjs/common';
import { IncidentCorrectionHandler } from './incident-correction.handler.js';
import { IncidentCorrectionsController } from './incident-corrections.controller.js';

/** POST /api/incidents/merge and /api/incidents/:id/split as CorrectIncidents commands (EventStore, DATABASE and the CommandBus come from the platform). */
@Module({ controllers: [IncidentCorrectionsController], providers: [IncidentCorrectionHandler] })
export class IncidentCorrectionsModule {}
