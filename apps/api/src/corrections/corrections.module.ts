import { Module } from '@nestjs/common';
import { ArticleCommandHandler } from './article-command.handler.js';
import { CorrectionsController } from './corrections.controller.js';

@Module({ controllers: [CorrectionsController], providers: [ArticleCommandHandler] })
export class CorrectionsModule {}
