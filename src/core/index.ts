/**
 * The core's one entry point: what runtime, the command line and the adapters use. Anything not
 * exported here is the core's own business.
 */
export type { Core, CommandContext, CommandSyntax } from "./core.ts";
export type { MentionResolver } from "./alerts/notify.ts";
export { slashSyntax } from "./core.ts";
export { openCore, commandCore, buildIndex, searchEngineFor, type CommandCoreOptions, type OpenCoreOptions, type OpenedCore } from "./open-core.ts";
export { warmingCore, WARMING_TEXT, WARMING_TITLE, type WarmingCore } from "./warming-core.ts";
export type { Permission, PermissionAnswer, PermissionChecker } from "./commands/permissions.ts";
export { fixedPermissions, NO_CHECKER } from "./commands/permissions.ts";
export { defineCommand, type Command, type CommandDeps, type CommandSpec, type TypedCommand } from "./commands/command.ts";
export { COMMANDS } from "./commands/table.ts";
export { callOf, parseCommand } from "./commands/dispatch.ts";
export { helpReply, QUERY_SYNTAX } from "./commands/help.ts";
export { parseRef, officialLinksIn, type QuestionRef } from "./commands/refs.ts";
export { MAX_LIMIT, MAX_OFFSET, PAGE_SIZE, search, searchData, type Hit, type SearchData, type SearchDeps } from "./commands/search.ts";
export { show } from "./commands/show.ts";
export { DEFAULT_LATEST, latest } from "./commands/latest.ts";
export { overdue, overdueReportOf } from "./commands/overdue.ts";
export type { OverdueReport } from "./lateness/report.ts";
export { openIndex } from "./search/index-cache.ts";
export { storeTexts } from "./search/store-texts.ts";
export type { SearchEngine } from "./search/engine.ts";
export { parseQuery } from "./search/query.ts";
export { QueryError } from "./search/query-types.ts";
export { trendOf, type Trend, type TrendOptions } from "./trends/trend.ts";
export { trendDate, trendUnit, type Parsed } from "./trends/trend-options.ts";
export { trendJson } from "./trends/trend-json.ts";
export { trendText } from "./trends/trend-text.ts";
export { inlineChartRenderer } from "./trends/chart-renderer.ts";
export { CHART_HEIGHT, CHART_WIDTH } from "./trends/chart-spec.ts";
