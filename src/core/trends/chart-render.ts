import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import { parse, View } from "vega";
import { compile } from "vega-lite";
import { ATTRIBUTION, CHART_FONT, CHART_HEIGHT, CHART_WIDTH, FOOTER_HEIGHT, trendChartSpec } from "./chart-spec.ts";
import type { Trend } from "./trend.ts";

const FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((f) => createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${f}`));

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The chart as SVG: Vega draws it headless (no canvas, no browser); the licence line goes in a band below. */
export async function trendChartSvg(trend: Trend): Promise<string> {
  const view = new View(parse(compile(trendChartSpec(trend)).spec), { renderer: "none" });
  try {
    const chart = await view.toSVG();
    const inner = chart.replace(/^<svg /, `<svg x="0" y="0" `);
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}">`,
      `<rect width="100%" height="100%" fill="white"/>`,
      inner,
      `<text x="16" y="${CHART_HEIGHT - 9}" font-family="${CHART_FONT}" font-size="12" fill="#555">${escapeXml(ATTRIBUTION)}</text>`,
      `</svg>`,
    ].join("");
  } finally {
    view.finalize();
  }
}

/** The chart as a CHART_WIDTH x CHART_HEIGHT PNG, text in the shipped font only (system fonts are not read). */
export async function renderTrendChart(trend: Trend): Promise<Uint8Array<ArrayBuffer>> {
  const svg = await trendChartSvg(trend);
  const png = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
    fitTo: { mode: "original" },
  }).render();
  // A copy in its own buffer (a Buffer may share a pool), so it can be moved to another thread.
  return new Uint8Array(png.asPng());
}
