// The black-frame charts: the noise profile per class, and the sunlight chart (black and lit 1-2 px counts
// per image, the dark noise, and the sunlight depth as a rule).
import { chartSpec, depthY, PROFILE_SIZE, seriesColor, tip, type ChartDef } from "./chartCommon.js";
import { blackNoisePoints, litSmall, sunlightOf } from "./noiseSeries.js";
import { maxDepth } from "./profileSeries.js";
import type { ReportData } from "./reportData.js";
import { DARK_NOISE_SIGMAS, SUNLIGHT_SEARCH_DBAR, SUNLIGHT_SHARE_LIMIT, type SunlightResult } from "./sunlight.js";

/** Noise objects per black image per class against depth. */
export function blackNoiseChart(data: ReportData): ChartDef {
  const points = blackNoisePoints(data);
  const caption = "BLACK_NB_SIZE_SPECTRA_PARTICLES / BLACK_NB_IMAGE_PARTICLES: objects per black image (taken without the flash, so they count sensor noise and ambient light) in size classes 1-5, one point per BLACK record. Real black images hold about 2,000-4,700 one-pixel objects.";
  const base = { id: "black-noise", title: "Black-frame noise", caption };
  if (points.length === 0) return { ...base, spec: null, empty: "no BLACK records with images" };
  return {
    ...base,
    spec: chartSpec(base.title, "BLACK_NB_SIZE_SPECTRA_PARTICLES per image, log scale", {
      ...PROFILE_SIZE,
      data: { values: points },
      mark: { type: "point", filled: true, size: 22, opacity: 0.8 },
      encoding: {
        x: { field: "value", type: "quantitative", title: "objects per black image", scale: { type: "log" } },
        y: depthY(maxDepth(data)),
        color: seriesColor("size class"),
        tooltip: [tip("series", "size class"), tip("depthDbar", "PRES (dbar)", ".1f"), tip("value", "objects per image", ".5~g"), tip("count", "BLACK_NB_SIZE_SPECTRA_PARTICLES (count)"), tip("images", "BLACK_NB_IMAGE_PARTICLES")],
      },
    }),
  };
}

/** Black and lit 1-2 px counts per image, the dark noise and the sunlight depth. */
export function sunlightChart(data: ReportData, s: SunlightResult = sunlightOf(data)): ChartDef {
  const pct = Math.round(SUNLIGHT_SHARE_LIMIT * 100);
  const caption =
    `Objects of classes 1-2 (1-2 px) per image: BLACK records (points) and lit images per depth bin (line, NB_SIZE_SPECTRA_PARTICLES / NB_IMAGE_PARTICLES). ` +
    `Dark noise N0 (vertical rule) = ${s.darkNoiseFrom}. At each black record above ${SUNLIGHT_SEARCH_DBAR} dbar, the sunlight share = max(0, black - N0) / lit; ` +
    `the record is sunlit when the share exceeds ${pct} % and black - N0 exceeds ${DARK_NOISE_SIGMAS} times the record-to-record scatter of the black counts (robust standard deviation ${s.darkNoiseSigma.toFixed(1)} per image here); the sunlight depth (horizontal rule) is the deepest sunlit record: below it, ambient light accounts for at most ${pct} % of the lit 1-2 px counts. ${s.verdict}`;
  const base = { id: "sunlight", title: "Sunlight contamination of small objects", caption };
  if (s.points.length === 0 || s.points.every((p) => p.litPerImage === null)) return { ...base, spec: null, empty: "needs both BLACK and lit-image records" };
  const colour = { field: "series", type: "nominal", title: null, scale: { domain: ["lit images", "black images", "black images, sunlit"], range: ["#4c78a8", "#555555", "#e45756"] }, legend: { orient: "bottom", direction: "horizontal" } };
  const x = { field: "value", type: "quantitative", title: "1-2 px objects per image", scale: { type: "log" } };
  const y = depthY(maxDepth(data));
  const lit = litSmall(data).map((l) => ({ depthDbar: (l.topDbar + l.bottomDbar) / 2, series: "lit images", value: l.perImage }));
  const black = s.points.map((p) => ({ depthDbar: p.pressureDbar, series: p.sunlit ? "black images, sunlit" : "black images", value: p.blackPerImage, share: p.share === null ? null : Math.round(p.share * 1000) / 10 }));
  const layers: Array<Record<string, unknown>> = [
    {
      data: { values: lit },
      mark: { type: "line", strokeWidth: 1.5 },
      encoding: { x, y, color: colour, order: { field: "depthDbar", type: "quantitative" }, tooltip: [tip("series", "record"), tip("depthDbar", "bin middle (dbar)", ".1f"), tip("value", "NB_SIZE_SPECTRA_PARTICLES classes 1-2 per image", ".5~g")] },
    },
    {
      data: { values: black },
      mark: { type: "point", filled: true, size: 30 },
      encoding: { x, y, color: colour, tooltip: [tip("series", "record"), tip("depthDbar", "PRES (dbar)", ".1f"), tip("value", "BLACK_NB_SIZE_SPECTRA_PARTICLES classes 1-2 per image", ".5~g"), tip("share", "sunlight share of lit counts (%)")] },
    },
  ];
  if (s.darkNoisePerImage !== null) layers.push({ data: { values: [{ n0: s.darkNoisePerImage }] }, mark: { type: "rule", strokeDash: [4, 3], color: "#555" }, encoding: { x: { field: "n0", type: "quantitative" }, tooltip: [tip("n0", "dark noise N0 (objects per black image)", ".5~g")] } });
  if (s.depthDbar !== null) {
    const d = s.depthDbar;
    layers.push({ data: { values: [{ d, label: `sunlight to ${d.toFixed(1)} dbar` }] }, mark: { type: "rule", color: "#e45756", strokeWidth: 2 }, encoding: { y: { field: "d", type: "quantitative" }, tooltip: [tip("label", "sunlight depth")] } });
    layers.push({ data: { values: [{ d, label: `sunlight to ${d.toFixed(1)} dbar` }] }, mark: { type: "text", align: "left", dy: -6, color: "#e45756", fontSize: 12, x: 4 }, encoding: { y: { field: "d", type: "quantitative" }, text: { field: "label" } } });
  }
  return {
    ...base,
    spec: chartSpec(base.title, s.depthDbar !== null ? `sunlit down to ${s.depthDbar.toFixed(1)} dbar` : "no sunlight seen", { ...PROFILE_SIZE, layer: layers }),
  };
}
