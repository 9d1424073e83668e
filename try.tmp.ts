import { writeFileSync } from "node:fs";
import { renderTrendChart, trendChartSvg } from "./src/core/trends/chart-render.ts";
import type { Trend } from "./src/core/trends/trend.ts";
const departments = ["Department of Health and Social Care", "Home Office", "Treasury", "Ministry of Defence", "Department for Education", "Other"];
const periods = Array.from({ length: 24 }, (_, i) => {
  const key = `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
  const byDepartment = Object.fromEntries(departments.map((d, j) => [d, ((i * 37 + j * 11) % 50) + 5]));
  return { key, from: `${key}-01`, to: `${key}-28`, count: Object.values(byDepartment).reduce((a, b) => a + b, 0), byDepartment };
});
const trend: Trend = { query: "nhs dentists", unit: "month", from: "2024-01-01", to: "2025-12-31", departments, periods, topAskers: [], total: 1234, due: 10, onTime: 5, answeredOnTime: 0.5 };
for (let i = 0; i < 5; i++) { const t = performance.now(); const png = await renderTrendChart(trend); console.log((performance.now() - t).toFixed(0), png.length); writeFileSync("/tmp/trend/t.png", png); }
writeFileSync("/tmp/trend/t.svg", await trendChartSvg(trend));
