/**
 * Where the official Written Questions API lives, in a file of its own: the settings (sources/config.ts)
 * need it, and importing it from api-client.ts loaded the client, its readers and html-to-text into every
 * `wq search` and bot start.
 */
export const DEFAULT_API_URL = "https://questions-statements-api.parliament.uk/api";
