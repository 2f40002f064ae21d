import { Module } from '@nestjs/common';
import { AlertsController } from './alerts.controller.js';
import { SUBSCRIPTION_COMMAND_HANDLERS } from './subscription-commands.js';
import { SubscriptionsController } from './subscriptions.controller.js';

/** Subscriptions CRUD, alerts with their deliveries, dead-letter replay. */
@Module({ controllers: [SubscriptionsController, AlertsController], providers: [...SUBSCRIPTION_COMMAND_HANDLERS] })
export class AlertsApiModule {}
