import { Module } from '@nestjs/common';
import { OperationsController } from './operations.controller.js';
import { OperationsService } from './operations.service.js';
import { ParkedEventsController } from './parked-events.controller.js';

@Module({
  controllers: [OperationsController, ParkedEventsController],
  providers: [OperationsService],
  exports: [OperationsService],
})
export class OperationsModule {}
