export * from './queue-connection.js';
