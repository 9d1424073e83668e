import { readFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import { createRequire } from "node:module";
const svg = readFileSync("/tmp/trend/t.svg", "utf8");
const req = createRequire(import.meta.url);
const f1 = req.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"), f2 = req.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");
for (const files of [[f1, f2], [f1], []]) for (let i = 0; i < 4; i++) {
  const t = performance.now();
  const png = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: files, defaultFontFamily: "DejaVu Sans" } }).render().asPng();
  console.log(files.length, (performance.now() - t).toFixed(0), png.length);
}
