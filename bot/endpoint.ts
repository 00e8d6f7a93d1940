/**
 * The Bot Framework endpoint, once: the service's body guard, the bot's activity reader and the
 * dev chat all use these (Bot Framework activities are larger than API request bodies).
 */
export const BOT_ROUTE = '/api/messages';

/** Largest activity accepted. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;
