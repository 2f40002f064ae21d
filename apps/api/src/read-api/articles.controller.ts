import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DATABASE, type DatabaseHandle } from '#platform';
import { type ArticleDetail, type ArticleSummary, type Page, getArticle, listArticles } from '#read-models';
import { ApiZodQuery } from './api-query.decorator.js';
import { articleListParams, asOfOnlyParams, pageOf, parseQuery } from './query-params.js';
import { articleDetail, articleSummary, notFound, openApi, page } from './responses.js';

@ApiTags('read')
@Controller('api/articles')
export class ArticlesController {
  constructor(@Inject(DATABASE) private readonly database: DatabaseHandle) {}

  @Get()
  @ApiOperation({ summary: 'Articles as recorded before asOf, newest received first; filter by status, outlet, words in the title.' })
  @ApiZodQuery(articleListParams)
  @ApiOkResponse({ schema: openApi(page(articleSummary)) })
  list(@Query() query: unknown): Promise<Page<ArticleSummary>> {
    const params = parseQuery(articleListParams, query);
    return listArticles(this.database.db, { status: params.status, outlet: params.outlet, q: params.q }, pageOf(params));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One article: its text, its coded events (with evidence, status and corrections) and its stream history, as recorded before asOf.' })
  @ApiParam({ name: 'id', description: 'Article id' })
  @ApiZodQuery(asOfOnlyParams)
  @ApiOkResponse({ schema: openApi(articleDetail) })
  @ApiNotFoundResponse({ description: 'No such article (or not yet received at asOf)', schema: openApi(notFound) })
  async get(@Param('id') id: string, @Query() query: unknown): Promise<ArticleDetail> {
    const { asOf } = parseQuery(asOfOnlyParams, query);
    const article = await getArticle(this.database.db, id, asOf);
    if (!article) throw new NotFoundException({ statusCode: 404, error: 'not-found', message: `no article ${id}${asOf ? ` recorded before ${asOf.toISOString()}` : ''}` });
    return article;
  }
}
