/** Why a decider refused: 404s (not found), 409s (conflicts with what is recorded), 422s (a command that cannot be). */
export type DomainErrorCode =
  | 'article-not-found'
  | 'event-not-found'
  | 'event-retracted'
  | 'invalid-correction'
  | 'incident-merged'
  | 'subscription-not-found'
  | 'subscription-exists'
  | 'feed-not-found'
  | 'feed-exists'
  | 'rebuild-exists';

/** A rule of the domain said no; `code` lets the API pick the status (404, 409, 422). */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
