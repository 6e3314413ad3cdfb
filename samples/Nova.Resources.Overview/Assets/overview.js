// The overview page: renders /api/overview and keeps it live through the server-sent events of
// /api/overview/events. Built with textContent only: host names come from the store, never as markup.
'use strict';

const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const tenths = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

function mib(value) {
  const abs = Math.abs(value);
  if (abs >= 1024 * 1024) return `${tenths.format(value / (1024 * 1024))} TiB`;
  if (abs >= 1024) return `${tenths.format(value / 1024)} GiB`;
  return `${whole.format(value)} MiB`;
}

function gib(value) {
  return Math.abs(value) >= 1024 ? `${tenths.format(value / 1024)} TiB` : `${whole.format(value)} GiB`;
}

function cpus(value) {
  return `${whole.format(value)} vCPU${value === 1 ? '' : 's'}`;
}

const RESOURCES = [
  { key: 'vcpus', cls: 'VCPU', title: 'vCPUs', total: 'vcpus', used: 'vcpus_used', free: (s) => s.vcpus - s.vcpus_used, unit: cpus, ratio: 'cpu_allocation_ratio' },
  { key: 'memory', cls: 'MEMORY_MB', title: 'Memory', total: 'memory_mb', used: 'memory_mb_used', free: (s) => s.free_ram_mb, unit: mib, ratio: 'ram_allocation_ratio' },
  { key: 'disk', cls: 'DISK_GB', title: 'Disk', total: 'local_gb', used: 'local_gb_used', free: (s) => s.free_disk_gb, unit: gib, ratio: 'disk_allocation_ratio' },
];

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const child of children) node.append(child);
  return node;
}

function setNumber(node, value, text) {
  node.dataset.value = String(value);
  node.textContent = text;
}

function percent(part, total) {
  return total > 0 ? Math.max(0, Math.min(100, (part / total) * 100)) : 0;
}

function setBar(bar, part, total, label) {
  const p = percent(part, total);
  bar.firstChild.style.width = `${p}%`;
  bar.dataset.high = String(p >= 85);
  bar.setAttribute('aria-valuenow', String(Math.round(p)));
  bar.setAttribute('aria-valuetext', `${Math.round(p)} % ${label}`);
}

function makeBar(id, label, extraClass) {
  const bar = el('div', { className: `bar ${extraClass || ''}`.trim(), id }, el('span'));
  bar.setAttribute('role', 'meter');
  bar.setAttribute('aria-valuemin', '0');
  bar.setAttribute('aria-valuemax', '100');
  bar.setAttribute('aria-label', label);
  return bar;
}

function line(label, valueNode) {
  return el('div', { className: 'line' }, el('span', { className: 'label', textContent: label }), valueNode);
}

const cards = {};

function buildCards() {
  const container = document.getElementById('cards');
  for (const r of RESOURCES) {
    const c = {
      used: el('span', { id: `${r.key}-used` }),
      total: el('span', { id: `${r.key}-total` }),
      free: el('span', { id: `${r.key}-free` }),
      percent: el('span', { id: `${r.key}-percent` }),
      capacity: el('span', { id: `${r.key}-capacity` }),
      formula: el('span', { className: 'note', id: `${r.key}-formula` }),
      allocated: el('span', { id: `${r.key}-allocated` }),
      available: el('span', { id: `${r.key}-available` }),
    };
    c.bar = makeBar(`${r.key}-bar`, `${r.title} used of raw total`);
    c.allocBar = makeBar(`${r.key}-allocated-bar`, `${r.title} allocated in Placement of capacity`, 'allocated');
    c.placement = el('div', { className: 'placement', hidden: true },
      line('Allocated in Placement', c.allocated), c.allocBar, line('Still schedulable', c.available));
    const card = el('article', { className: 'card', id: `card-${r.key}` },
      el('h3', { textContent: r.title }),
      el('div', { className: 'figure' }, c.used, el('span', { className: 'of', textContent: ' used of ' }), c.total),
      c.bar,
      line('Free', c.free),
      line('Used', c.percent),
      el('div', { className: 'capacity' }, line('Schedulable capacity', c.capacity), c.formula, c.placement));
    cards[r.key] = c;
    container.append(card);
  }
}

function ratios(hosts, field) {
  const seen = new Set(hosts.map((h) => h[field]));
  return seen.size === 1 ? `× ${tenths.format([...seen][0])}` : '× each host\'s ratio';
}

function renderCards(s) {
  for (const r of RESOURCES) {
    const c = cards[r.key];
    const total = s[r.total];
    const used = s[r.used];
    const free = r.free(s);
    setNumber(c.used, used, r.unit(used));
    setNumber(c.total, total, r.unit(total));
    setNumber(c.free, free, r.unit(free));
    c.percent.textContent = `${whole.format(percent(used, total))} %`;
    setBar(c.bar, used, total, 'used');
    const cap = s.capacity[r.cls] || { total: 0, reserved: 0, capacity: 0, allocated: null };
    setNumber(c.capacity, cap.capacity, r.unit(cap.capacity));
    c.formula.textContent = `(${r.unit(cap.total)} − ${r.unit(cap.reserved)} reserved) ${ratios(s.hosts, r.ratio)}`;
    c.placement.hidden = !s.placement;
    if (s.placement) {
      const allocated = cap.allocated ?? 0;
      setNumber(c.allocated, allocated, r.unit(allocated));
      setNumber(c.available, cap.capacity - allocated, r.unit(cap.capacity - allocated));
      setBar(c.allocBar, allocated, cap.capacity, 'allocated');
    }
  }
}

// One unit for both numbers of a pair, chosen by the total: "20.5 / 128 GiB", "160 / 2,000 GiB".
function scale(total, base) {
  const units = base === 'MiB' ? ['MiB', 'GiB', 'TiB'] : base === 'GiB' ? ['GiB', 'TiB'] : [''];
  let i = 0;
  while (i < units.length - 1 && Math.abs(total) >= 10 * 1024 ** (i + 1)) i++;
  return { divisor: 1024 ** i, label: units[i] };
}

function pair(used, total, base) {
  const { divisor, label } = scale(total, base);
  const f = divisor === 1 ? whole : tenths;
  return `${f.format(used / divisor)} / ${f.format(total / divisor)}${label ? ` ${label}` : ''}`;
}

function usedOfTotal(used, total, free, base, unit) {
  const cell = el('td', { className: 'num' }, pair(used, total, base));
  const mini = el('span', { className: 'minibar' }, el('span'));
  mini.firstChild.style.width = `${percent(used, total)}%`;
  mini.setAttribute('aria-hidden', 'true');
  cell.append(mini, el('span', { className: 'sub', textContent: `${unit(free)} free` }));
  return cell;
}

function ago(iso) {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} days ago`;
}

function when(iso) {
  const cell = el('td', { className: 'when' }, ago(iso), el('span', { className: 'sub', textContent: new Date(iso).toLocaleString() }));
  cell.dataset.time = iso;
  return cell;
}

// The last audit its host recorded: "audited 4 s ago · ok", or "failed: <cause>" with when below; "—" when none.
function auditText(cell) {
  return cell.dataset.outcome === 'ok' ? `audited ${ago(cell.dataset.time)} · ok` : `audited ${ago(cell.dataset.time)}`;
}

function audit(h) {
  const cell = el('td', { className: 'audit' });
  if (!h.last_audit_at) {
    cell.dataset.outcome = 'none';
    cell.append(el('span', { className: 'outcome', textContent: '—' }), el('span', { className: 'sub', textContent: 'no audit recorded' }));
    return cell;
  }

  cell.dataset.time = h.last_audit_at;
  cell.dataset.outcome = h.last_audit_succeeded ? 'ok' : 'failed';
  if (h.last_audit_succeeded) {
    cell.append(el('span', { className: 'outcome', textContent: auditText(cell) }),
      el('span', { className: 'sub', textContent: new Date(h.last_audit_at).toLocaleString() }));
  } else {
    const cause = h.last_audit_error || 'no reason recorded';
    cell.append(el('span', { className: 'outcome', textContent: `✕ failed: ${cause}`, title: cause }),
      el('span', { className: 'sub', textContent: auditText(cell) }));
  }
  return cell;
}

function refreshTimes() {
  for (const cell of document.querySelectorAll('td.when')) cell.firstChild.textContent = ago(cell.dataset.time);
  for (const cell of document.querySelectorAll('td.audit[data-time]')) {
    const target = cell.dataset.outcome === 'ok' ? cell.firstChild : cell.lastChild;
    target.textContent = auditText(cell);
  }
}

const DATA_FIELDS = ['vcpus', 'vcpus_used', 'memory_mb', 'memory_mb_used', 'local_gb', 'local_gb_used',
  'free_ram_mb', 'free_disk_gb', 'running_vms'];

function renderHosts(s) {
  const rows = document.getElementById('host-rows');
  const fragment = document.createDocumentFragment();
  for (const h of s.hosts) {
    const row = el('tr');
    row.dataset.host = h.host;
    row.dataset.node = h.hypervisor_hostname;
    for (const f of DATA_FIELDS) row.dataset[f.replace(/_(\w)/g, (_, x) => x.toUpperCase())] = String(h[f]);
    row.append(
      el('th', { scope: 'row', textContent: h.host }),
      el('td', {}, h.hypervisor_hostname, el('span', { className: 'sub', textContent: `${h.hypervisor_type ?? 'unknown'} ${h.hypervisor_version}` })),
      usedOfTotal(h.vcpus_used, h.vcpus, h.vcpus - h.vcpus_used, '', cpus),
      usedOfTotal(h.memory_mb_used, h.memory_mb, h.free_ram_mb, 'MiB', mib),
      usedOfTotal(h.local_gb_used, h.local_gb, h.free_disk_gb, 'GiB', gib),
      el('td', { className: 'num', textContent: whole.format(h.running_vms) }),
      audit(h),
      when(h.updated_at ?? h.created_at),
      el('td', {}, el('span', { className: h.stale ? 'badge stale' : 'badge ok', textContent: h.stale ? 'stale' : 'current' })));
    fragment.append(row);
  }
  rows.replaceChildren(fragment);
  document.getElementById('no-hosts').hidden = s.hosts.length > 0;
  setNumber(document.getElementById('host-count'), s.count, whole.format(s.count));
}

function setStatus(state, text) {
  const status = document.getElementById('status');
  status.dataset.state = state;
  status.textContent = text;
}

function render(s) {
  renderCards(s);
  renderHosts(s);
  document.body.dataset.generatedAt = s.generated_at;
  setStatus('live', `Live · checked ${new Date(s.generated_at).toLocaleTimeString()}`);
}

function connect() {
  const source = new EventSource('api/overview/events');
  source.addEventListener('overview', (e) => render(JSON.parse(e.data)));
  source.addEventListener('tick', (e) => {
    const tick = JSON.parse(e.data);
    if (tick.error) setStatus('error', `Store unreadable: ${tick.error}`);
    else setStatus('live', `Live · checked ${new Date(tick.checked_at).toLocaleTimeString()}`);
    refreshTimes();
  });
  source.onerror = () => setStatus('stale', 'Connection lost · reconnecting…');
}

async function poll() {
  try {
    const response = await fetch('api/overview', { cache: 'no-store' });
    if (response.ok) render(await response.json());
    else setStatus('error', `The overview answered ${response.status}`);
  } catch (error) {
    setStatus('stale', `Connection lost · ${error.message}`);
  }
}

buildCards();
if ('EventSource' in window) connect();
else { poll(); setInterval(poll, 5000); }
