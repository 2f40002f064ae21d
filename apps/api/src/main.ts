import { loadConfigOrExit, startHttpApp } from '#platform';
import { ApiModule } from './api.module.js';
import { apiHttpOptions } from './http/http-options.js';

await startHttpApp(ApiModule, apiHttpOptions(loadConfigOrExit()));
