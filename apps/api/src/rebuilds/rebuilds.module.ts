import { Module } from '@nestjs/common';
import { RebuildsController } from './rebuilds.controller.js';

@Module({ controllers: [RebuildsController] })
export class RebuildsApiModule {}
