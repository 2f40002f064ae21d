import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DATABASE, type DatabaseHandle } from '#platform';
import { type ActorDossier, type Dyad, type IncidentView, type Page, actorDossier, listDyads, listIncidents } from '#read-models';
import { ApiZodQuery } from './api-query.decorator.js';
import { actorParams, asOfOnlyParams, dyadParams, filtersOf, incidentParams, pageOf, parseQuery } from './query-params.js';
import { actorDossier as actorDossierSchema, dyad, incident, notFound, openApi, page } from './responses.js';

/** Views computed over the events read model: actor dossiers, dyads, incidents. */
@ApiTags('read')
@Controller('api')
export class AnalysisController {
  constructor(@Inject(DATABASE) private readonly database: DatabaseHandle) {}

  @Get('actors/:id')
  @ApiOperation({ summary: "An actor's dossier as recorded before asOf: events as agent and as target, counterparts, Goldstein balance per month, latest events." })
  @ApiParam({ name: 'id', description: 'Actor id, a slug such as mustafa-al-kadhimi or iran' })
  @ApiZodQuery(actorParams)
  @ApiOkResponse({ schema: openApi(actorDossierSchema) })
  @ApiNotFoundResponse({ description: 'No active event names this actor (as of asOf)', schema: openApi(notFound) })
  async actor(@Param('id') id: string, @Query() query: unknown): Promise<ActorDossier> {
    const params = parseQuery(actorParams, query);
    const dossier = await actorDossier(this.database.db, id, filtersOf(params), params.limit);
    if (!dossier) throw new NotFoundException({ statusCode: 404, error: 'not-found', message: `no events with actor ${id}` });
    return dossier;
  }

  @Get('dyads')
  @ApiOperation({ summary: 'Country pairs (agent country → target country) with event counts, Goldstein sum and average, counts per CAMEO quad class.' })
  @ApiZodQuery(dyadParams)
  @ApiOkResponse({ schema: openApi(page(dyad)) })
  dyads(@Query() query: unknown): Promise<Page<Dyad>> {
    const params = parseQuery(dyadParams, query);
    return listDyads(this.database.db, filtersOf(params), { ...pageOf(params), directed: params.directed === 'true' });
  }

  @Get('incidents')
  @ApiOperation({ summary: 'Incidents: the same real-world event reported by several articles, with its sources. Latest first.' })
  @ApiZodQuery(incidentParams)
  @ApiOkResponse({ schema: openApi(page(incident)) })
  incidents(@Query() query: unknown): Promise<Page<IncidentView>> {
    const params = parseQuery(incidentParams, query);
    return listIncidents(
      this.database.db,
      { types: params.type, country: params.country, from: params.from, to: params.to, minSources: params.minSources },
      pageOf(params),
    );
  }

  @Get('incidents/:id')
  @ApiOperation({ summary: 'One incident with its sources, as recorded before asOf.' })
  @ApiParam({ name: 'id', description: 'Incident id' })
  @ApiZodQuery(asOfOnlyParams)
  @ApiOkResponse({ schema: openApi(incident) })
  @ApiNotFoundResponse({ description: 'No such incident, or none of its events is active (as of asOf)', schema: openApi(notFound) })
  async incident(@Param('id') id: string, @Query() query: unknown): Promise<IncidentView> {
    const { asOf } = parseQuery(asOfOnlyParams, query);
    const [found] = (await listIncidents(this.database.db, { incidentId: id }, { limit: 1, offset: 0, ...(asOf && { asOf }) })).items;
    if (!found) throw new NotFoundException({ statusCode: 404, error: 'not-found', message: `no incident ${id}` });
    return found;
  }
}
