import { loadConfigOrExit, startHttpApp } from '#platform';
import { StandaloneModule } from './standalone.module.js';

const config = loadConfigOrExit();
await startHttpApp(StandaloneModule, { port: config.PORT, host: config.HOST, openApi: true });
