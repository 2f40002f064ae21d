import { Controller, Get, Inject, NotFoundException } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { DATABASE, type DatabaseHandle } from '#platform';
import {
  type ActorDossier,
  type ActorMatch,
  type Dyad,
  type IncidentView,
  type Page,
  actorDossier,
  actorDossierSchema,
  actorMatchSchema,
  dyadSchema,
  incidentViewSchema,
  listDyads,
  listIncidents,
  pageSchema,
  searchActors,
} from '#read-models';
import { ApiError, ApiZodQuery, ApiZodResponse } from '../http/openapi.js';
import { ZodParam, ZodQuery, idParam, slugParam } from '../http/zod-validation.js';
import { ActorAliases } from './actor-aliases.js';
import {
  actorParams,
  actorSearchParams,
  articleParams,
  dyadParams,
  filtersOf,
  incidentParams,
  pageOf,
} from './query-params.js';

const asOfOnly = articleParams.pick({ asOf: true, modality: true });

/** Views computed over the events read model: actors, dyads, incidents. */
@ApiTags('read')
@Controller('api')
export class AnalysisController {
  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly aliases: ActorAliases,
  ) {}

  @Get('actors')
  @ApiOperation({
    summary:
      "Find actors by name, id or one of the dictionary's aliases, most frequent first (Kadhimi, Iranian, Tehran).",
  })
  @ApiZodQuery(actorSearchParams)
  @ApiZodResponse(200, pageSchema(actorMatchSchema), 'A page of actors with the total')
  actors(@ZodQuery(actorSearchParams) params: z.output<typeof actorSearchParams>): Promise<Page<ActorMatch>> {
    return searchActors(
      this.database.db,
      { q: params.q, aliases: this.aliases.match(params.q) },
      { ...(params.modality && { modality: params.modality }) },
      pageOf(params),
    );
  }

  @Get('actors/:id')
  @ApiOperation({
    summary:
      "An actor's dossier as recorded before asOf: events as agent and as target, counterparts, Goldstein balance per month, latest events.",
  })
  @ApiParam({ name: 'id', description: 'Actor id, a slug such as mustafa-al-kadhimi or iran' })
  @ApiZodQuery(actorParams)
  @ApiZodResponse(200, actorDossierSchema, 'The dossier')
  @ApiError(404, 'No active event names this actor (as of asOf)')
  async actor(
    @ZodParam('id', slugParam) id: string,
    @ZodQuery(actorParams) params: z.output<typeof actorParams>,
  ): Promise<ActorDossier> {
    const dossier = await actorDossier(this.database.db, id, filtersOf(params), params.limit);
    if (!dossier)
      throw new NotFoundException({ statusCode: 404, error: 'not-found', message: `no events with actor ${id}` });
    return dossier;
  }

  @Get('dyads')
  @ApiOperation({
    summary:
      'Country pairs (agent country → target country) with event counts, Goldstein sum and average, counts per CAMEO quad class.',
  })
  @ApiZodQuery(dyadParams)
  @ApiZodResponse(200, pageSchema(dyadSchema), 'A page of dyads with the total')
  dyads(@ZodQuery(dyadParams) params: z.output<typeof dyadParams>): Promise<Page<Dyad>> {
    return listDyads(this.database.db, filtersOf(params), { ...pageOf(params), directed: params.directed === 'true' });
  }

  @Get('incidents')
  @ApiOperation({
    summary: 'Incidents: the same real-world event reported by several articles, with its sources. Latest first.',
  })
  @ApiZodQuery(incidentParams)
  @ApiZodResponse(200, pageSchema(incidentViewSchema), 'A page of incidents with the total')
  incidents(@ZodQuery(incidentParams) params: z.output<typeof incidentParams>): Promise<Page<IncidentView>> {
    return listIncidents(
      this.database.db,
      {
        types: params.type,
        country: params.country,
        from: params.from,
        to: params.to,
        minSources: params.minSources,
        ...(params.modality && { modality: params.modality }),
      },
      pageOf(params),
    );
  }

  @Get('incidents/:id')
  @ApiOperation({ summary: 'One incident with its sources, as recorded before asOf.' })
  @ApiParam({ name: 'id', description: 'Incident id' })
  @ApiZodQuery(asOfOnly)
  @ApiZodResponse(200, incidentViewSchema, 'The incident')
  @ApiError(404, 'No such incident, or none of its events is active (as of asOf)')
  async incident(
    @ZodParam('id', idParam) id: string,
    @ZodQuery(asOfOnly) params: z.output<typeof asOfOnly>,
  ): Promise<IncidentView> {
    const page = { limit: 1, offset: 0, ...(params.asOf && { asOf: params.asOf }) };
    const [found] = (
      await listIncidents(
        this.database.db,
        { incidentId: id, ...(params.modality && { modality: params.modality }) },
        page,
      )
    ).items;
    if (!found) throw new NotFoundException({ statusCode: 404, error: 'not-found', message: `no incident ${id}` });
    return found;
  }
}
