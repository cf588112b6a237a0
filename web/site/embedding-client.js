// The embedding page's script (bundled to dist/assets/embedding.js): keeps each
// widget's three snippets in step with its live preview, and copies a snippet
// when its Copy button is pressed. Snippet text is set with textContent only.
import { scriptSnippet, iframeSnippet } from '../embed/snippets.mjs';
import { notebookSnippet } from './notebook-snippet.mjs';
import { camel, format } from '../widgets/params.js';

/** The attributes of a preview whose values differ from the widget's defaults: {attribute: text}. */
export function changedAttributes(element) {
  const params = customElements.get(element.localName)?.params ?? {};
  const attrs = {};
  for (const [name, spec] of Object.entries(params)) {
    const value = element.state?.[camel(name)];
    if (value !== undefined && value !== spec.default) attrs[name] = format(spec, value);
  }
  return attrs;
}

// Rewrites the snippets of one widget section from its preview's state.
function update(section) {
  const name = section.dataset.widget;
  const element = section.querySelector(`posenc-${name}`);
  const attrs = changedAttributes(element);
  const text = { script: scriptSnippet(name, attrs), iframe: iframeSnippet(name, attrs), notebook: notebookSnippet(name, attrs) };
  for (const [route, value] of Object.entries(text)) {
    const box = document.getElementById(`snippet-${name}-${route}`);
    if (box && box.textContent !== value) box.textContent = value;
  }
}

// Copies text: the Clipboard API where allowed, else a selected textarea and execCommand.
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

function start() {
  for (const section of document.querySelectorAll('.embed-widget[data-widget]')) {
    const element = section.querySelector(`posenc-${section.dataset.widget}`);
    if (!element) continue;
    element.addEventListener('change', () => update(section));
    update(section); // the preview may already hold state from the URL (?<widget>.<attribute>=...)
  }
  const status = document.getElementById('copy-status');
  for (const button of document.querySelectorAll('button.copy[data-copy]')) {
    button.addEventListener('click', async () => {
      const text = document.getElementById(button.dataset.copy)?.textContent ?? '';
      const ok = await copyText(text);
      const label = button.querySelector('.label') ?? button;
      label.textContent = ok ? 'Copied' : 'Copy failed';
      if (status) status.textContent = ok ? `Copied ${text.split('\n').length} lines to the clipboard.` : 'Copying failed: select the text and copy it by hand.';
      setTimeout(() => { label.textContent = 'Copy'; }, 2000);
    });
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
