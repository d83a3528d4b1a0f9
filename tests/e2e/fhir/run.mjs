// backcare's FHIR Questionnaire in a real client: LHC-Forms in headless Chromium.
//
// For every scenario under tests/scenarios/: load the exported Questionnaire into LHC-Forms,
// fill it from the scenario's answers as a person would (clicking Yes/No, the choices, typing the
// numbers, in order; a follow-up must appear exactly when its condition holds), read back the
// QuestionnaireResponse with LForms.Util.getFormFHIRData, run `backcare check --answers` on it,
// and assert the same urgency and routine as the plain answers give.
//
// Usage: node run.mjs [--screenshot]   (from tests/e2e/fhir, after `npm ci`)
// Environment: BACKCARE (default ../../../target/debug/backcare), CHROME (default
// /usr/bin/chromium-headless-shell). A missing tool is a failure, never a skip.

import puppeteer from 'puppeteer-core';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const backcare = process.env.BACKCARE || path.join(repo, 'target/debug/backcare');
const chrome = process.env.CHROME || '/usr/bin/chromium-headless-shell';
const SYSTEM = 'http://backcare.example.org/fhir/CodeSystem/choice';
const NONE = 'none-of-these';

function fail(message) {
  console.error(`e2e: FAIL: ${message}`);
  process.exit(1);
}
for (const [what, file] of [['backcare binary (cargo build)', backcare], ['Chromium (chromium-headless-shell)', chrome]]) {
  if (!fs.existsSync(file)) fail(`${what} not found at ${file}`);
}
if (!fs.existsSync(path.join(here, 'node_modules/lforms'))) fail('lforms is not installed: run `npm ci` in tests/e2e/fhir');

const run = (args) => execFileSync(backcare, args, { encoding: 'utf8' });
const questionnaire = JSON.parse(run(['questions', '--format', 'fhir']));

// The question items in order, with their definitions.
const questions = [];
(function walk(items) {
  for (const item of items || []) {
    if (item.type === 'group') walk(item.item);
    else if (item.type !== 'display') questions.push(item);
  }
})(questionnaire.item);

// FHIR enableWhen on plain answers, for the operators backcare writes.
function enabled(item, answers) {
  if (!item.enableWhen) return true;
  const holds = (when) => {
    const given = answers[when.question];
    if (when.operator === 'exists') return (given !== undefined) === when.answerBoolean;
    if (given === undefined) return false;
    const values = Array.isArray(given) ? given : [given];
    return values.some((v) => {
      if ('answerCoding' in when) return when.operator === '=' && v === when.answerCoding.code;
      if ('answerBoolean' in when) return when.operator === '=' && v === when.answerBoolean;
      const w = when.answerInteger;
      return { '=': v === w, '>=': v >= w, '<=': v <= w }[when.operator] ?? false;
    });
  };
  return item.enableBehavior === 'any' ? item.enableWhen.some(holds) : item.enableWhen.every(holds);
}

// A static server for this folder, on 127.0.0.1 only.
const types = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.png': 'image/png' };
const server = http.createServer((req, res) => {
  const file = path.join(here, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!file.startsWith(here) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404);
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/index.html`;

const browser = await puppeteer.launch({
  executablePath: chrome,
  headless: 'shell',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();
await page.setViewport({ width: 1000, height: 800 });
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(e.message));
await page.goto(url);
await page.waitForFunction(() => window.LForms && LForms.Util && LForms.FHIR, { timeout: 30000 });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'backcare-e2e-'));
const sel = (id) => `[id="${id.replace(/"/g, '\\"')}"]`;
const scenarioDir = path.join(repo, 'tests/scenarios');
const scenarios = fs.readdirSync(scenarioDir).filter((f) => f.endsWith('.json')).sort();
if (scenarios.length === 0) fail('no scenarios');
const failures = [];

for (const name of scenarios) {
  const answers = JSON.parse(fs.readFileSync(path.join(scenarioDir, name), 'utf8')).answers;
  await page.evaluate(async (q) => {
    document.getElementById('form').innerHTML = '';
    await LForms.Util.addFormToPage(q, 'form');
  }, questionnaire);
  await page.waitForSelector(sel(`item-${questions[0].linkId}/1/1`));
  try {
    for (const item of questions) {
      const id = item.linkId;
      const field = `${id}/1/1`;
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
      const shown = (await page.$(sel(`item-${field}`))) !== null;
      const should = enabled(item, answers);
      if (shown !== should) {
        throw new Error(`${id} is ${shown ? 'shown' : 'hidden'} but its enableWhen ${should ? 'holds' : 'does not hold'}`);
      }
      const answer = answers[id];
      if (answer === undefined) continue;
      if (!shown) throw new Error(`${id} is answered in the scenario but not shown`);
      if (item.type === 'boolean') {
        await page.click(sel(`${field}|${answer}`));
      } else if (item.type === 'integer') {
        await page.click(sel(field));
        await page.type(sel(field), String(answer));
        await page.keyboard.press('Tab');
      } else if (item.repeats) {
        for (const code of answer.length === 0 ? [NONE] : answer) {
          await page.click(sel(`${field}|${SYSTEM}|${code}`));
        }
      } else {
        await page.click(sel(`${field}|${SYSTEM}|${answer}`));
      }
    }
    if (name.startsWith('01_') && process.argv.includes('--screenshot')) {
      await page.mouse.move(0, 0);
      await page.click('body', { offset: { x: 1, y: 1 } });
      await new Promise((r) => setTimeout(r, 1000)); // let the last click's animation end
      await page.screenshot({ path: path.join(here, 'questionnaire.png'), fullPage: true });
    }
    const response = await page.evaluate(() =>
      LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', document.getElementById('form')));
    const responseFile = path.join(tmp, 'response.json');
    const plainFile = path.join(tmp, 'plain.json');
    fs.writeFileSync(responseFile, JSON.stringify(response));
    fs.writeFileSync(plainFile, JSON.stringify(answers));
    let fromForm;
    try {
      fromForm = JSON.parse(run(['check', '--format', 'json', '--answers', responseFile]));
    } catch (e) {
      throw new Error(`backcare rejected the LHC-Forms response: ${e.stderr || e.message}`);
    }
    const plain = JSON.parse(run(['check', '--format', 'json', '--answers', plainFile]));
    const routine = (r) => (r.routine ? r.routine.id : null);
    if (fromForm.urgency !== plain.urgency || routine(fromForm) !== routine(plain)) {
      throw new Error(`got ${fromForm.urgency}/${routine(fromForm)}, plain answers give ${plain.urgency}/${routine(plain)}`);
    }
    console.log(`ok ${name}: ${plain.urgency}, routine ${routine(plain)}`);
  } catch (e) {
    failures.push(`${name}: ${e.message}`);
    console.log(`FAIL ${name}: ${e.message}`);
  }
}

await browser.close();
server.close();
fs.rmSync(tmp, { recursive: true, force: true });
if (pageErrors.length) failures.push(`page errors: ${pageErrors.join('; ')}`);
if (failures.length) fail(`${failures.length} of ${scenarios.length} scenarios:\n${failures.join('\n')}`);
console.log(`e2e: all ${scenarios.length} scenarios give the same urgency and routine through LHC-Forms`);
