// End-to-end test of the dashboard in a real browser (Debian's chromium, driven by playwright-core).
// Usage: E2E_LOGIN_URL=<one-time login link> E2E_TOKEN=<agent token> node e2e/dashboard.e2e.mjs <base-url> [artifact-dir]
// Without E2E_LOGIN_URL the server is taken to run in demo mode (TRIAGE_AUTH=none).
// Exits non-zero when a step fails or when a page logs an error to the console.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const baseUrl = (process.argv[2] ?? 'http://localhost:8000').replace(/\/$/, '');
const artifacts = resolve(process.argv[3] ?? '../target/e2e');
const browserPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STEP_TIMEOUT = 20_000;
const loginUrl = process.env.E2E_LOGIN_URL;
// The script's own API calls, beside the browser's, authenticate as any client would.
const apiHeaders = process.env.E2E_TOKEN ? { Authorization: `Bearer ${process.env.E2E_TOKEN}` } : {};

const SAMPLE_INSIGHTS = {
  window_days: 30,
  since: new Date(Date.now() - 30 * 86_400_000).toISOString(),
  tickets: 19,
  auto_route_rate: 0.79,
  auto_route_precision: 0.93,
  teams: [
    {
      team: 'Hardware Team',
      volume: 12,
      auto_routed: 10,
      auto_route_rate: 0.83,
      auto_route_precision: 0.9,
      corrections: 1,
      correction_rate: 0.08,
      mean_time_to_close_hours: 5.2,
    },
    {
      team: 'Network Team',
      volume: 7,
      auto_routed: 5,
      auto_route_rate: 0.71,
      auto_route_precision: 1,
      corrections: 0,
      correction_rate: 0,
      mean_time_to_close_hours: null,
    },
  ],
  daily: [
    { date: new Date().toISOString().slice(0, 10), team: 'Hardware Team', count: 3 },
    { date: new Date().toISOString().slice(0, 10), team: 'Network Team', count: 2 },
  ],
  service_levels: [
    {
      team: 'Hardware Team',
      tickets: 12,
      closed: 8,
      sla_settled: 8,
      sla_met: 6,
      sla_attainment: 0.75,
      mean_first_response_hours: 1.5,
      mean_resolution_hours: 5.2,
      agents: [
        {
          agent: 'ann',
          tickets: 12,
          closed: 8,
          sla_settled: 8,
          sla_met: 6,
          sla_attainment: 0.75,
          mean_first_response_hours: 1.5,
          mean_resolution_hours: 5.2,
        },
      ],
    },
  ],
};

// GET /insights/connectors with Zammad connected and GLPI off, in the documented shape.
const SAMPLE_CONNECTORS = {
  window_days: 30,
  since: new Date(Date.now() - 30 * 86_400_000).toISOString(),
  connectors: [
    {
      connector: 'glpi',
      mode: 'shadow',
      enabled: false,
      state: 'off',
      last_poll: null,
      last_error: null,
      decided: 0,
      would_auto_route: 0,
      coverage: null,
      closed: 0,
      closed_would_auto_route: 0,
      auto_route_precision: null,
      engine_accuracy: null,
      helpdesk_first_group_right: null,
      moved_by_agents: 0,
      priority_agreement: null,
      writebacks_waiting: 0,
      writebacks_failed: 0,
    },
    {
      connector: 'zammad',
      mode: 'shadow',
      enabled: true,
      state: 'up',
      last_poll: new Date().toISOString(),
      last_error: null,
      decided: 120,
      would_auto_route: 90,
      coverage: 0.75,
      closed: 80,
      closed_would_auto_route: 0,
      auto_route_precision: null,
      engine_accuracy: 0.8875,
      helpdesk_first_group_right: 0.7,
      moved_by_agents: 24,
      priority_agreement: 0.6,
      writebacks_waiting: 0,
      writebacks_failed: 0,
    },
  ],
};

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

mkdirSync(artifacts, { recursive: true });
for (const stale of readdirSync(artifacts).filter((name) => name.startsWith('failure-'))) {
  rmSync(join(artifacts, stale));
}
const profile = mkdtempSync(join(tmpdir(), 'triage-e2e-'));
const problems = [];
let step = 'start';
// Chrome logs every refused request as a console error; a step that provokes one on purpose declares it.
let expectedErrors = [];

const started = Date.now();
const DESCRIPTION = 'Since this morning my external monitor flickers and goes black whenever the laptop is docked.';

function log(message) {
  console.log(`[e2e] ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s ${message}`);
}

function watch(page, name) {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location()?.url ?? '';
    if (expectedErrors.some((pattern) => pattern.test(`${message.text()} ${url}`))) return;
    problems.push(`${name}: console error during "${step}": ${message.text()} ${url}`);
  });
  page.on('pageerror', (error) => problems.push(`${name}: uncaught error during "${step}": ${error.message}`));
  page.on('requestfailed', (request) => {
    // Navigations away abort in-flight requests; anything else failing is a defect.
    const failure = request.failure()?.errorText ?? '';
    if (!failure.includes('ERR_ABORTED'))
      problems.push(`${name}: request failed during "${step}": ${request.url()} ${failure}`);
  });
}

/** Checks the page with axe-core; serious and critical violations (contrast, missing labels...) fail the test. */
async function audit(page, name) {
  // Evaluated through the debugging protocol, so the page's Content-Security-Policy (scripts from the server
  // only) stays in force for everything else, and any violation by the dashboard still fails the test.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  for (const violation of result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
    const where = violation.nodes
      .slice(0, 3)
      .map((node) => node.target.join(' '))
      .join(', ');
    problems.push(`${name}: accessibility (${violation.impact}) ${violation.id}: ${violation.help} at ${where}`);
  }
}

async function run(name, action, expected = []) {
  step = name;
  expectedErrors = expected;
  log(name);
  await action();
  expectedErrors = [];
}

const context = await chromium.launchPersistentContext(profile, {
  executablePath: browserPath,
  headless: true,
  viewport: { width: 1366, height: 900 },
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
context.setDefaultTimeout(STEP_TIMEOUT);

let failed = false;
try {
  const agent = context.pages()[0] ?? (await context.newPage());
  const observer = await context.newPage();
  watch(agent, 'agent');
  watch(observer, 'observer');
  const title = `Laptop screen flickers after docking (run ${String(Date.now()).slice(-4)})`;
  let id = 0;

  if (loginUrl) {
    await run(
      'the login page, then the one-time login link leads in',
      async () => {
        await agent.goto(`${baseUrl}/`);
        await agent.getByRole('heading', { name: 'Log in to Ticket Triage' }).waitFor();
        await audit(agent, 'login');
        await agent.goto(loginUrl);
        await agent.getByTestId('caller').filter({ hasText: 'admin' }).waitFor();
        // the link works once: a second visit lands on the login page with the reason
        const second = await context.newPage();
        await second.goto(loginUrl);
        await second.getByTestId('caller').filter({ hasText: 'admin' }).waitFor(); // still logged in by cookie
        await second.close();
      },
      [/status of 401 .*\/auth\/me$/],
    );
  }

  await run('both pages open the board and go live', async () => {
    await Promise.all([agent.goto(`${baseUrl}/`), observer.goto(`${baseUrl}/`)]);
    await agent.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    await observer.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    // Set in the observer's page: it survives only if that page is never reloaded.
    await observer.evaluate(() => (window.__sameDocument = true));
  });

  await run(
    'the create form shows the API validation message',
    async () => {
      // Keyboard: the dialog opens on the title field, Escape closes it and focus goes back to the button.
      const newTicket = agent.getByRole('button', { name: 'New ticket' });
      await newTicket.focus();
      await agent.keyboard.press('Enter');
      await agent.getByRole('dialog', { name: 'New ticket' }).waitFor();
      if (!(await agent.getByLabel('Title').evaluate((element) => element === document.activeElement))) {
        throw new Error('the title field does not have the focus when the form opens');
      }
      await agent.keyboard.press('Escape');
      await agent.getByRole('dialog', { name: 'New ticket' }).waitFor({ state: 'detached' });
      if (!(await newTicket.evaluate((element) => element === document.activeElement))) {
        throw new Error('focus did not return to the New ticket button');
      }
      await newTicket.click();
      await agent.getByRole('button', { name: 'Create ticket' }).click();
      await agent.getByTestId('form-error').filter({ hasText: 'title is required' }).waitFor();
      // The field's own message is tied to it, so screen readers announce it with the field.
      const titleField = agent.getByLabel('Title');
      await agent.locator('input[aria-invalid="true"]').waitFor();
      const describedBy = await titleField.getAttribute('aria-describedby');
      const fieldMessage = await agent.locator(`[id="${describedBy}"]`).textContent();
      if (!fieldMessage?.includes('is required and must not be blank'))
        throw new Error(`title message: ${fieldMessage}`);
    },
    [/status of 422 .*\/tickets$/],
  );

  await run('a ticket created on one page appears on the other and turns routed', async () => {
    await agent.getByLabel('Title').fill(title);
    await agent.getByLabel('Description').fill(DESCRIPTION);
    await agent.getByRole('button', { name: 'Create ticket' }).click();
    const card = observer.getByTestId('ticket-card').filter({ hasText: title });
    await card.waitFor();
    id = Number(await card.getAttribute('data-ticket-id'));
    // On a fresh server the first ticket also waits for the starter examples to be embedded.
    await observer
      .getByTestId('column-routed')
      .getByTestId('ticket-card')
      .filter({ hasText: title })
      .waitFor({ timeout: 60_000 });
    if (!(await observer.evaluate(() => window.__sameDocument === true)))
      throw new Error('the observer page was reloaded');
    await observer.screenshot({ path: join(artifacts, 'board.png'), fullPage: true });
    await audit(observer, 'board');
  });

  await run('the detail shows the routing, its confidence band and explanation', async () => {
    await agent.goto(`${baseUrl}/ticket/${id}`); // a full load of a dashboard address, as after a reload
    await observer.getByTestId('ticket-card').filter({ hasText: title }).getByRole('link').click();
    const { confidence } = await (await fetch(`${baseUrl}/tickets/${id}`, { headers: apiHeaders })).json();
    const band = confidence >= 0.9 ? 'high' : confidence >= 0.6 ? 'medium' : 'low';
    for (const page of [agent, observer]) {
      await page.getByTestId('assigned-to').filter({ hasText: 'Hardware Team' }).waitFor();
      await page
        .getByTestId('explanation')
        .getByRole('row', { name: /Hardware Team/ })
        .waitFor();
      await page.locator(`[data-testid="confidence"][data-band="${band}"]`).waitFor();
    }
  });

  await run('a comment added on one page arrives live on the other', async () => {
    await agent.getByLabel('Add a comment').fill('Swapped the docking cable, still flickers.');
    await agent.getByRole('button', { name: 'Add comment' }).click();
    await observer.getByTestId('comment').filter({ hasText: 'Swapped the docking cable' }).waitFor();
  });

  await run('reassigning the team shows on the other page', async () => {
    await agent.getByLabel('Team', { exact: true }).selectOption('Network Team');
    await agent.getByLabel('Priority').selectOption('High');
    await agent.getByRole('button', { name: 'Save changes' }).click();
    await observer.getByTestId('assigned-to').filter({ hasText: 'Network Team' }).waitFor();
    // the history on both pages names who created the ticket and what was corrected
    for (const page of [agent, observer]) {
      await page.getByTestId('created-by').waitFor();
      await page.getByTestId('correction').filter({ hasText: 'the team from Hardware Team to Network Team' }).waitFor();
      await page
        .getByTestId('correction')
        .filter({ hasText: /the priority from \w+ to High/ })
        .waitFor();
    }
  });

  await run('a ticket that reads the same links to the open one as a possible duplicate', async () => {
    const response = await fetch(`${baseUrl}/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...apiHeaders },
      body: JSON.stringify({ title, description: DESCRIPTION }),
    });
    if (response.status !== 201) throw new Error(`creating the copy answered ${response.status}`);
    const copy = await response.json();
    await agent.goto(`${baseUrl}/ticket/${copy.id}`);
    await agent
      .getByTestId('related')
      .getByRole('link', { name: `Ticket #${id}` })
      .waitFor();
    await agent.goto(`${baseUrl}/ticket/${id}`);
  });

  await run('closing the ticket shows on the other page', async () => {
    await agent.getByRole('button', { name: 'Close ticket' }).click();
    await observer.getByTestId('status').filter({ hasText: 'Closed' }).waitFor();
    await agent.getByRole('button', { name: 'Reopen' }).waitFor();
    await observer.screenshot({ path: join(artifacts, 'detail.png'), fullPage: true });
    await audit(observer, 'ticket detail');
  });

  await run('the insights page charts what happened on this server', async () => {
    await agent.goto(`${baseUrl}/analytics`);
    await agent.getByTestId('insights').waitFor();
    await agent
      .getByTestId('per-team')
      .getByRole('row', { name: /Network Team/ })
      .waitFor();
    await agent
      .getByTestId('service-levels')
      .getByRole('row', { name: /Network Team/ })
      .waitFor();
    await agent.screenshot({ path: join(artifacts, 'insights.png'), fullPage: true });
    await audit(agent, 'insights');
  });

  await run('the insights page draws the figures of an /insights answer', async () => {
    // A fixed answer in the documented shape, so that the figures on the page can be checked exactly.
    await agent.route('**/insights?days=*', (route) => route.fulfill({ json: SAMPLE_INSIGHTS }));
    await agent.goto(`${baseUrl}/analytics`);
    await agent.getByTestId('insights').waitFor();
    await agent.getByRole('row', { name: /Hardware Team 12 10 83% 90% 1 \(8%\) 5\.2 h/ }).waitFor();
    await agent.getByRole('row', { name: /ann 12 8 75% \(6 of 8\) 1\.5 h 5\.2 h/ }).waitFor();
    await agent.screenshot({ path: join(artifacts, 'insights-charts.png'), fullPage: true });
    await audit(agent, 'insights charts');
    await agent.unroute('**/insights?days=*');
  });

  await run("the insights page shows the helpdesk connectors' shadow figures with what they rest on", async () => {
    // none is configured on this server: the real answer lists both connectors as off, and the page says so briefly
    await agent.goto(`${baseUrl}/analytics`);
    await agent.getByTestId('connectors-hint').waitFor();
    await agent.route('**/insights/connectors?days=*', (route) => route.fulfill({ json: SAMPLE_CONNECTORS }));
    await agent.goto(`${baseUrl}/analytics`);
    const zammad = agent.getByRole('region', { name: 'Zammad' });
    await zammad.getByTestId('connector-state').filter({ hasText: 'helpdesk reachable' }).waitFor();
    await zammad.getByRole('row', { name: /Coverage .* 75% 90 of 120 tickets decided/ }).waitFor();
    await zammad.getByRole('row', { name: /Auto-route precision not enough data 0 tickets closed/ }).waitFor();
    await zammad.getByRole('row', { name: /Engine's accuracy .* 89% 80 tickets closed/ }).waitFor();
    if ((await agent.getByRole('region', { name: 'GLPI' }).count()) > 0) throw new Error('GLPI is off but shown');
    await agent.getByTestId('connectors').screenshot({ path: join(artifacts, 'connectors.png') });
    await audit(agent, 'insights connectors');
    await agent.unroute('**/insights/connectors?days=*');
  });

  await run(
    "an admin sets a team's business hours, which the insights page shows read-only",
    async () => {
      await agent.goto(`${baseUrl}/admin/agents`);
      const panel = agent.getByTestId('team-hours');
      await panel.getByRole('row', { name: /Network Team Around the clock/ }).waitFor();
      await panel.getByRole('button', { name: 'Set hours for Network Team' }).click();
      const form = panel.getByTestId('hours-form');
      // only the server knows which zones exist: its refusal shows at the field
      await form.getByLabel('Time zone').fill('Mars/Olympus');
      await form.getByRole('button', { name: 'Save hours' }).click();
      await form.getByTestId('hours-error-time_zone').filter({ hasText: "Unknown time zone 'Mars/Olympus'" }).waitFor();
      await form.getByLabel('Time zone').fill('Europe/Paris');
      await form.getByLabel('Starts at').fill('08:30');
      await form.getByRole('button', { name: 'Save hours' }).click();
      await panel.getByRole('row', { name: /Network Team Mon–Fri, 08:30–17:00 \(Europe\/Paris\)/ }).waitFor();
      const saved = await (await fetch(`${baseUrl}/teams/Network%20Team/hours`, { headers: apiHeaders })).json();
      if (saved.time_zone !== 'Europe/Paris' || saved.start !== '08:30' || saved.days.length !== 5)
        throw new Error(`the API has other hours: ${JSON.stringify(saved)}`);
      await agent.screenshot({ path: join(artifacts, 'agents.png'), fullPage: true });
      await audit(agent, 'agents');

      await agent.goto(`${baseUrl}/analytics`);
      const readOnly = agent.getByTestId('team-hours');
      await readOnly.getByRole('row', { name: /Network Team Mon–Fri, 08:30–17:00/ }).waitFor();
      if ((await readOnly.getByRole('button').count()) > 0) throw new Error('the insights page offers to change hours');

      await agent.goto(`${baseUrl}/admin/agents`);
      await panel.getByRole('button', { name: 'Remove hours of Network Team' }).click();
      await panel.getByRole('row', { name: /Network Team Around the clock/ }).waitFor();
    },
    [/status of 422 .*\/teams\/Network%20Team\/hours$/],
  );

  await run('deleting after confirmation removes the ticket everywhere', async () => {
    await agent.goto(`${baseUrl}/ticket/${id}`);
    await agent.getByRole('button', { name: 'Delete…' }).click();
    await agent.getByRole('alertdialog').getByRole('button', { name: 'Delete ticket' }).click();
    await agent.getByRole('heading', { name: 'Board' }).waitFor();
    await observer.getByRole('heading', { name: `Ticket #${id} was deleted` }).waitFor();
    await agent.locator(`[data-testid="ticket-card"][data-ticket-id="${id}"]`).waitFor({ state: 'detached' });
  });

  // Last: the agent page logs out of the admin's session, which the observer page shares.
  if (loginUrl && process.env.E2E_TOKEN) {
    await run(
      "an agent who is not an admin reads the teams' settings, with nothing to change",
      async () => {
        await agent.goto(`${baseUrl}/admin/agents`);
        await agent.getByTestId('policies').getByLabel('Network Team').selectOption('expertise');
        await agent.getByText('Network Team: expertise.').waitFor();
        const hours = agent.getByTestId('team-hours');
        await hours.getByRole('button', { name: 'Set hours for Network Team' }).click();
        await hours.getByLabel('Time zone').fill('Europe/Paris');
        await hours.getByRole('button', { name: 'Save hours' }).click();
        await hours.getByRole('row', { name: /Network Team Mon–Fri, 09:00–17:00 \(Europe\/Paris\)/ }).waitFor();

        await observer.close();
        await agent.getByRole('button', { name: 'Log out' }).click();
        await agent.getByLabel('API token').fill(process.env.E2E_TOKEN);
        await agent.getByRole('button', { name: 'Log in' }).click();
        await agent.getByTestId('caller').filter({ hasText: '(agent)' }).waitFor();
        const nav = agent.getByRole('navigation', { name: 'Main' });
        if ((await nav.getByRole('link', { name: 'Agents' }).count()) > 0)
          throw new Error('an agent is offered Agents');
        await nav.getByRole('link', { name: 'Teams' }).click();

        const page = agent.getByTestId('team-settings');
        await page
          .getByTestId('team-policies')
          .getByRole('row', { name: /Network Team Expertise .* Mon–Fri, 09:00–17:00 \(Europe\/Paris\)/ })
          .waitFor();
        await page
          .getByTestId('team-policies')
          .getByRole('row', { name: /Hardware Team Least loaded \(default\) .* Around the clock/ })
          .waitFor();
        const { targets } = await (await fetch(`${baseUrl}/sla`, { headers: apiHeaders })).json();
        const urgent = targets.find((target) => target.priority === 'Urgent');
        if (urgent.first_response_minutes !== 60 || urgent.resolution_minutes !== 240)
          throw new Error(`the API has other targets: ${JSON.stringify(urgent)}`);
        await page.getByTestId('team-targets').getByRole('row', { name: 'Urgent 1 h 4 h' }).waitFor();
        for (const role of ['button', 'textbox', 'combobox', 'checkbox', 'spinbutton']) {
          const count = await page.getByRole(role).count();
          if (count > 0) throw new Error(`the teams page offers an agent ${count} ${role}(s)`);
        }
        await agent.screenshot({ path: join(artifacts, 'teams.png'), fullPage: true });
        await audit(agent, 'teams');

        // the admins' page by its address: a pointer to the teams page, and no control the API would refuse
        await agent.goto(`${baseUrl}/admin/agents`);
        await agent.getByTestId('admins-only').getByRole('link', { name: 'Teams page' }).waitFor();
        if ((await agent.getByRole('main').getByRole('button').count()) > 0)
          throw new Error('the agents page offers an agent buttons');
      },
      [/status of 401 .*\/auth\/me$/],
    );
  }
  step = 'end';
} catch (error) {
  failed = true;
  console.error(`[e2e] FAILED at "${step}": ${error instanceof Error ? error.message : error}`);
  for (const [index, page] of context.pages().entries()) {
    await page.screenshot({ path: join(artifacts, `failure-${index}.png`), fullPage: true }).catch(() => {});
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

for (const problem of problems) console.error(`[e2e] ${problem}`);
if (failed || problems.length > 0) process.exit(1);
log(`passed; screenshots in ${artifacts}`);
