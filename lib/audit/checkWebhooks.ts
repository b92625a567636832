import { describeError, type CheckContext, type CheckOutcome } from './CheckContext.js';
import { classifyWebhook, missingBridgeWebhook } from './classifyWebhook.js';

const PER_PAGE = 100;
/** Webhooks are few; a runaway paging answer must still end. */
const MAX_PAGES = 100;

/**
 * The webhooks check: the bridge's webhook (URL = `WEBHOOK_URL`) must exist and be ENABLED; other
 * FAILING webhooks are listed. Small enough to finish in one run, so it keeps no cursor.
 */
export async function checkWebhooks(ctx: CheckContext): Promise<CheckOutcome> {
  const bridgeUrl = ctx.settings.webhookUrl;
  if (bridgeUrl === undefined) ctx.log.note("WEBHOOK_URL is not set: the bridge's own webhook was not checked.");
  let bridgeSeen = false;
  for (let page = 1; page <= MAX_PAGES; page++) {
    let result;
    try {
      result = await ctx.iconik.listWebhooks(page, PER_PAGE, { deadline: ctx.deadline.at });
    } catch (error) {
      ctx.log.error(`listing webhooks (page ${page}) failed: ${describeError(error)}`);
      return {};
    }
    ctx.log.count('webhooks', result.objects.length);
    for (const webhook of result.objects) {
      const verdict = classifyWebhook(webhook, bridgeUrl);
      bridgeSeen ||= verdict.isBridge;
      if (verdict.finding) ctx.findings.add(verdict.finding);
    }
    const more = result.pages != null ? page < result.pages : result.objects.length >= PER_PAGE;
    if (!more) break;
  }
  if (bridgeUrl !== undefined && !bridgeSeen) ctx.findings.add(missingBridgeWebhook(bridgeUrl));
  return {};
}
