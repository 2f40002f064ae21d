import { Controller, Get, Inject, NotFoundException } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { DATABASE, type DatabaseHandle } from '#platform';
import {
  type ArticleDetail,
  type ArticleSummary,
  type Page,
  articleDetailSchema,
  articleSummarySchema,
  getArticle,
  listArticles,
  pageSchema,
} from '#read-models';
import { ApiError, ApiZodQuery, ApiZodResponse } from '../http/openapi.js';
import { ZodParam, ZodQuery, idParam } from '../http/zod-validation.js';
import { articleListParams, articleParams, pageOf } from './query-params.js';

@ApiTags('read')
@Controller('api/articles')
export class ArticlesController {
  constructor(@Inject(DATABASE) private readonly database: DatabaseHandle) {}

  @Get()
  @ApiOperation({
    summary:
      'Articles as recorded before asOf, newest received first; filter by status, outlet, and search the title and text (best match first).',
  })
  @ApiZodQuery(articleListParams)
  @ApiZodResponse(200, pageSchema(articleSummarySchema), 'A page of articles with the total')
  list(@ZodQuery(articleListParams) params: z.output<typeof articleListParams>): Promise<Page<ArticleSummary>> {
    return listArticles(
      this.database.db,
      { status: params.status, outlet: params.outlet, q: params.q },
      pageOf(params),
    );
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'One article: its text, its coded events (asserted unless modality says otherwise; with evidence, status and corrections) and its stream history, as recorded before asOf.',
  })
  @ApiParam({ name: 'id', description: 'Article id' })
  @ApiZodQuery(articleParams)
  @ApiZodResponse(200, articleDetailSchema, 'The article')
  @ApiError(404, 'No such article (or not yet received at asOf)')
  async get(
    @ZodParam('id', idParam) id: string,
    @ZodQuery(articleParams) params: z.output<typeof articleParams>,
  ): Promise<ArticleDetail> {
    const article = await getArticle(this.database.db, id, params.asOf, params.modality);
    if (!article) {
      throw new NotFoundException({
        statusCode: 404,
        error: 'not-found',
        message: `no article ${id}${params.asOf ? ` recorded before ${params.asOf.toISOString()}` : ''}`,
      });
    }
    return article;
  }
}
