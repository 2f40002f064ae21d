export * from './article-payload.js';
export * from './field-bounds.js';
export * from './html-to-text.js';
export * from './ingest-article.js';
export * from './group-commit.js';
export * from './body-text-runner.js';
