import { Module } from '@nestjs/common';
import { IncidentCorrectionsController } from './incident-corrections.controller.js';

/** POST /api/incidents/merge and /api/incidents/:id/split (EventStore and DATABASE come from the platform). */
@Module({ controllers: [IncidentCorrectionsController] })
export class IncidentCorrectionsModule {}
