import { Module } from '@nestjs/common';
import { AlertDispatcher } from './alert-dispatcher.js';
import { AlertProjectionService } from './alert-projection.service.js';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor.js';

/** Event log → alert projection → alert streams → dispatcher → `alerts` queue and signed webhooks. */
@Module({ providers: [AlertProjectionService, AlertDispatcher, WebhookDeliveryProcessor] })
export class AlertsWorkerModule {}
