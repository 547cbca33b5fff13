// NewsPipeline reading page: keys as Miniflux's users know them, and the theme toggle. The page works without this
// script; it only adds. Loaded by the CSP nonce; no inline handlers, no eval, nothing from anywhere else.
(() => {
  'use strict';
  const root = document.documentElement;
  const status = document.getElementById('status');
  const say = (text) => { if (status) { status.textContent = text; } };

  // Theme: the system's choice unless the reader picked one here (kept in this browser only).
  const toggle = document.getElementById('theme');
  let saved = null;
  try { saved = localStorage.getItem('theme'); } catch { /* storage off: the system's choice stands */ }
  if (saved === 'dark' || saved === 'light') { root.dataset.theme = saved; }
  const isDark = () => root.dataset.theme ? root.dataset.theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  const label = () => {
    toggle.textContent = isDark() ? 'Light theme' : 'Dark theme';
  };
  if (toggle) {
    toggle.hidden = false;
    label();
    toggle.addEventListener('click', () => {
      root.dataset.theme = isDark() ? 'light' : 'dark';
      try { localStorage.setItem('theme', root.dataset.theme); } catch { /* kept for this page only */ }
      label();
    });
  }

  // The items of a timeline view, or the one article of an article view.
  const items = Array.from(document.querySelectorAll('.item, .article'));
  let current = -1;
  const select = (index) => {
    if (items.length === 0) { return; }
    current = Math.max(0, Math.min(items.length - 1, index));
    items.forEach((item, i) => item.classList.toggle('current', i === current));
    const target = items[current].querySelector('a.title') || items[current].querySelector('h1');
    if (target && target.tagName === 'H1') { target.tabIndex = -1; }
    if (target) { target.focus(); }
    items[current].scrollIntoView({ block: 'nearest' });
  };
  // Focus that arrives by Tab or by a click moves the selection with it, so the keys act on what the reader sees.
  document.addEventListener('focusin', (event) => {
    const item = event.target.closest && event.target.closest('.item');
    if (item) {
      current = items.indexOf(item);
      items.forEach((other) => other.classList.toggle('current', other === item));
    }
  });
  const selected = () => (current >= 0 ? items[current] : (items.length === 1 ? items[0] : null));

  const open = () => {
    const item = selected();
    const link = item && item.querySelector('a.title');
    if (link) { location.href = link.href; }
  };
  const original = () => {
    const item = selected();
    const url = item && item.dataset.original;
    if (url) { window.open(url, '_blank', 'noopener,noreferrer'); } else { say('No item selected: press j first.'); }
  };
  // Marks and stars are forms on the item when signed in; the keys press their buttons.
  const press = (action, missing) => {
    const item = selected();
    const button = item && item.querySelector('[data-action="' + action + '"]');
    if (button) { button.click(); } else { say(missing); }
  };
  const go = (key) => {
    const link = document.querySelector('a[data-go="' + key + '"]');
    if (link) { location.href = link.href; } else { say('Sign in to see that view.'); }
  };
  const help = () => {
    const keys = document.getElementById('keys');
    if (!keys) { return; }
    keys.open = true;
    const summary = keys.querySelector('summary');
    summary.focus();
    summary.scrollIntoView({ block: 'nearest' });
  };

  let pendingG = false;
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return; }
    const target = event.target;
    if (target.closest && target.closest('input, textarea, select, [contenteditable]')) { return; }
    const key = event.key;
    if (pendingG) {
      pendingG = false;
      if (key === 'u' || key === 's' || key === 'f') { event.preventDefault(); go(key); return; }
    }
    switch (key) {
      case 'j': event.preventDefault(); select(current + 1); break;
      case 'k': event.preventDefault(); select(current - 1); break;
      case 'o': event.preventDefault(); open(); break;
      case 'Enter':
        // Enter on a link or button does what it always does; elsewhere it opens the selected item.
        if (!target.closest('a, button, summary')) { event.preventDefault(); open(); }
        break;
      case 'v': event.preventDefault(); original(); break;
      case 'm': event.preventDefault(); press('read', 'Sign in to mark items read.'); break;
      case 's': event.preventDefault(); press('star', 'Sign in to star items.'); break;
      case 'g': pendingG = true; setTimeout(() => { pendingG = false; }, 1500); break;
      case '?': event.preventDefault(); help(); break;
      case 'Escape': {
        const keys = document.getElementById('keys');
        if (keys && keys.open) { keys.open = false; }
        break;
      }
      default: break;
    }
  });
})();
