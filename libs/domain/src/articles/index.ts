export * from './article-events.js';
export * from './article.decider.js';
