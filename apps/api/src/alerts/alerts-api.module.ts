import { Module } from '@nestjs/common';
import { AlertsController } from './alerts.controller.js';
import { SubscriptionsController } from './subscriptions.controller.js';

/** Subscriptions CRUD, alerts with their deliveries, dead-letter replay. */
@Module({ controllers: [SubscriptionsController, AlertsController] })
export class AlertsApiModule {}
