// Builds the front-end assets Django serves from static/build/ (run with `npm run build`).
//
// - static/src/peerlearning.scss -> static/build/peerlearning.css (Sass JS API, compressed)
// - GOV.UK Frontend's ES module bundle, the service's images (never the crown, the crest or the
//   GOV.UK logo, and never any fonts), accessible-autocomplete and static/src/peerlearning.js
//   are copied alongside it.
//
// Idempotent: every run rewrites the same outputs and deletes nothing else.

import { copyFile, mkdir, readdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const nodeModules = join(root, "node_modules");
const srcDir = join(root, "static", "src");
const outDir = join(root, "static", "build");
const imagesOutDir = join(outDir, "images");

const govukDist = join(nodeModules, "govuk-frontend", "dist", "govuk");
const autocompleteDist = join(nodeModules, "accessible-autocomplete", "dist");

// GOV.UK Frontend's images are all Crown or GOV.UK branded (the favicons and app icons show the
// crown, govuk-crest.svg is the royal crest, the Open Graph image is GOV.UK's). This service must
// not use them, so anything matching here is skipped; the service's own favicon is written below.
const EXCLUDED_IMAGE = /crown|crest|logo|govuk|favicon|opengraph/i;

// A simple favicon for the service: "PL" on the brand teal.
const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">\
<rect width="32" height="32" rx="4" fill="#0b5563"/>\
<text x="16" y="22" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" \
font-size="15" font-weight="700" fill="#ffffff">PL</text></svg>
`;

async function buildCss() {
  // GOV.UK Frontend 5 is configured through @import (its settings are !default variables), which
  // Dart Sass deprecates; quietDeps hides the warnings from inside node_modules. Only IDs this
  // Sass still reports are passed, so a later Sass that retires one does not warn about it.
  const silenceDeprecations = ["import"].filter(
    (id) => sass.deprecations?.[id]?.status === "active",
  );

  const result = await sass.compileAsync(join(srcDir, "peerlearning.scss"), {
    loadPaths: [nodeModules],
    style: "compressed",
    sourceMap: false,
    quietDeps: true,
    silenceDeprecations,
  });
  const css = result.css;
  if (/GDS Transport|@font-face/i.test(css)) {
    throw new Error("peerlearning.css must not include GDS Transport or any @font-face rule");
  }
  await writeFile(join(outDir, "peerlearning.css"), css.endsWith("\n") ? css : `${css}\n`);
  return css.length;
}

// Copy a file, and its source map when there is one: the minified files end with a
// sourceMappingURL comment, and Django's ManifestStaticFilesStorage (WhiteNoise's too) fails
// collectstatic when the file it names is missing.
async function copyWithMap(from, to) {
  await copyFile(from, to);
  try {
    await copyFile(`${from}.map`, `${to}.map`);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
}

async function copyImages() {
  await mkdir(imagesOutDir, { recursive: true });
  const source = join(govukDist, "assets", "images");
  const copied = [];
  for (const entry of await readdir(source, { withFileTypes: true })) {
    if (!entry.isFile() || EXCLUDED_IMAGE.test(entry.name)) continue;
    await copyFile(join(source, entry.name), join(imagesOutDir, entry.name));
    copied.push(entry.name);
  }
  await writeFile(join(imagesOutDir, "favicon.svg"), FAVICON_SVG);
  copied.push("favicon.svg (generated)");
  return copied;
}

async function main() {
  const started = Date.now();
  await mkdir(outDir, { recursive: true });

  const [cssLength, images] = await Promise.all([
    buildCss(),
    copyImages(),
    copyWithMap(join(govukDist, "govuk-frontend.min.js"), join(outDir, "govuk-frontend.min.js")),
    copyWithMap(
      join(autocompleteDist, "accessible-autocomplete.min.js"),
      join(outDir, "accessible-autocomplete.min.js"),
    ),
    copyWithMap(
      join(autocompleteDist, "accessible-autocomplete.min.css"),
      join(outDir, "accessible-autocomplete.min.css"),
    ),
    copyFile(join(srcDir, "peerlearning.js"), join(outDir, "peerlearning.js")),
  ]);

  console.log(`peerlearning.css: ${cssLength} bytes`);
  console.log(`images: ${images.join(", ")}`);
  console.log(`Built static/build/ in ${Date.now() - started} ms`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
