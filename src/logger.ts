/** What wq's parts need from a logger; `console` fits. */
export interface Logger {
  debug?(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}
