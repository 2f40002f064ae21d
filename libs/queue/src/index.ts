export * from './queue-connection.js';
export * from './queues.js';
