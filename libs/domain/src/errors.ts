/** A rule of the domain said no; `code` lets the API pick the status (404, 409, 422). */
export class DomainError extends Error {
  constructor(
    readonly code: 'article-not-found' | 'event-not-found' | 'event-retracted' | 'invalid-correction',
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
