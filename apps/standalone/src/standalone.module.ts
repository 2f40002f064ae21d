import { Module } from '@nestjs/common';
import { ApiModule } from '../../api/src/api.module.js';
import { WorkerModule } from '../../worker/src/worker.module.js';

/** api and worker in one process: what `npm start` runs, and the only way to share the embedded database. */
@Module({ imports: [ApiModule, WorkerModule] })
export class StandaloneModule {}
