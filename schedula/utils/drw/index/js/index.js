/* schedula site index. Licensed under the EUPL 1.1 (see LICENSE.txt). */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('sh-data').textContent);
  var frame = document.getElementById('sh-frame');
  var treeRoot = document.getElementById('sh-tree');
  var crumbs = document.getElementById('sh-breadcrumb');
  var items = [];  // [{entry, li, item, parents}]

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function unescape(text) {
    var area = document.createElement('textarea');
    area.innerHTML = text;
    return area.value;
  }

  function build(entries, parent, parents) {
    entries.forEach(function (entry) {
      var li = el('li', 'sh-collapsed');
      var item = el('div', 'sh-item');
      var toggle = el('span', 'sh-toggle', entry.nodes && entry.nodes.length ?
        '\u25B6' : '');
      item.appendChild(toggle);
      item.appendChild(el('span', 'sh-ico sh-ico-' + entry.type +
        (entry.state ? ' sh-state-' + entry.state : '')));
      if (entry.state) { item.classList.add('sh-state-' + entry.state); }
      item.appendChild(el('span', 'sh-text', unescape(entry.text)));
      item.title = unescape(entry.text);
      li.appendChild(item);
      parent.appendChild(li);
      var record = {entry: entry, li: li, item: item, parents: parents};
      items.push(record);
      toggle.onclick = function (event) {
        event.stopPropagation();
        setOpen(li, li.classList.contains('sh-collapsed'));
      };
      item.onclick = function () { open(entry.url); };
      if (entry.nodes && entry.nodes.length) {
        var ul = el('ul');
        li.appendChild(ul);
        build(entry.nodes, ul, parents.concat([record]));
      }
    });
  }

  function setOpen(li, opened) {
    li.classList.toggle('sh-collapsed', !opened);
    var toggle = li.querySelector('.sh-toggle');
    if (toggle && toggle.textContent) {
      toggle.textContent = opened ? '\u25BC' : '\u25B6';
    }
  }

  function pagePath(url) {
    var base = new URL('.', window.location.href).href;
    var abs = new URL(url, window.location.href).href;
    return abs.indexOf(base) === 0 ? abs.slice(base.length) : abs;
  }

  function select(url) {
    var path = pagePath(url), found = null;
    items.forEach(function (rec) {
      rec.item.classList.remove('sh-active');
      if (!found && rec.entry.url === path) { found = rec; }
    });
    if (!found) {  // The page without its `?id=`.
      var page = path.split('?')[0];
      items.forEach(function (rec) {
        if (!found && rec.entry.url === page) { found = rec; }
      });
    }
    crumbs.innerHTML = '';
    if (!found) { return; }
    found.item.classList.add('sh-active');
    found.parents.concat([found]).forEach(function (rec) {
      setOpen(rec.li, true);
      var li = el('li'), a = el('a', '', unescape(rec.entry.text));
      a.onclick = function () { open(rec.entry.url); };
      li.appendChild(a);
      crumbs.appendChild(li);
    });
  }

  function open(url) {
    frame.src = url;
    select(url);
    var params = new URLSearchParams(window.location.search);
    params.set('url', url);
    window.history.replaceState(null, '', '?' + params.toString());
  }

  window.addEventListener('message', function (event) {
    var msg = event.data || {};
    if (msg.action === 'url' && event.source === frame.contentWindow) {
      var path = pagePath(msg.url);
      select(path);
      var params = new URLSearchParams(window.location.search);
      params.set('url', path);
      window.history.replaceState(null, '', '?' + params.toString());
    }
  });

  document.getElementById('sh-search').addEventListener('input', function () {
    var query = this.value.trim().toLowerCase();
    items.forEach(function (rec) {
      rec.li.style.display = '';
      if (query) { setOpen(rec.li, true); }
    });
    if (!query) { return; }
    items.forEach(function (rec) {
      var hit = unescape(rec.entry.text).toLowerCase().indexOf(query) >= 0;
      var below = rec.li.querySelectorAll('.sh-text');
      var any = false;
      below.forEach(function (t) {
        if (t.textContent.toLowerCase().indexOf(query) >= 0) { any = true; }
      });
      rec.li.style.display = hit || any ? '' : 'none';
    });
  });

  function send(action) { frame.contentWindow.postMessage({action: action}, '*'); }
  document.getElementById('sh-back').onclick = function () { send('back'); };
  document.getElementById('sh-forward').onclick = function () { send('forward'); };
  document.getElementById('sh-menu').onclick = function () {
    document.getElementById('sh-sidebar').classList.toggle('sh-hidden');
  };
  var full = document.getElementById('sh-full');
  if (document.fullscreenEnabled) {
    full.onclick = function () {
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else { document.documentElement.requestFullscreen(); }
    };
  } else { full.hidden = true; }

  var modal = document.getElementById('sh-modal');
  var modalBody = document.getElementById('sh-modal-body');
  function showModal(title, content) {
    document.getElementById('sh-modal-title').textContent = title;
    modalBody.innerHTML = '';
    modalBody.appendChild(content);
    modal.hidden = false;
  }
  document.getElementById('sh-modal-close').onclick = function () {
    modal.hidden = true;
  };
  modal.onclick = function (event) {
    if (event.target === modal) { modal.hidden = true; }
  };
  document.getElementById('sh-legend').onclick = function () {
    var legend = el('iframe');
    legend.src = data.folder + '/html/legend.html';
    showModal('Legend', legend);
  };

  // Execution-time sunburst (plain SVG arcs, sized by duration).
  var SVGNS = 'http://www.w3.org/2000/svg';
  var COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f',
                '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

  function arc(r0, r1, a0, a1) {
    if (a1 - a0 >= 2 * Math.PI - 1e-9) { a1 = a0 + 2 * Math.PI - 1e-6; }
    var large = a1 - a0 > Math.PI ? 1 : 0;
    function p(r, a) { return [r * Math.sin(a), -r * Math.cos(a)].join(' '); }
    return 'M' + p(r1, a0) + 'A' + r1 + ' ' + r1 + ' 0 ' + large + ' 1 ' +
      p(r1, a1) + 'L' + p(r0, a1) + 'A' + r0 + ' ' + r0 + ' 0 ' + large +
      ' 0 ' + p(r0, a0) + 'Z';
  }

  function depth(node) {
    return 1 + Math.max(0, ...(node.children || []).map(depth));
  }

  function label(svg, node, level, ring, a0, a1) {
    // The node's own id, on its arc when there is room for it.
    var r = (level + 0.5) * ring, mid = (a0 + a1) / 2;
    if ((a1 - a0) * r < 36) { return; }
    var name = node.name.split(' \u2192 ').pop();
    var text = document.createElementNS(SVGNS, 'text');
    text.setAttribute('x', r * Math.sin(mid));
    text.setAttribute('y', -r * Math.cos(mid));
    text.setAttribute('class', 'sh-sunburst-label');
    text.textContent = name.length > 12 ? name.slice(0, 11) + '\u2026' : name;
    svg.appendChild(text);
  }

  function keyOf(rows, total) {
    // The key: colour, node path and seconds, longest first.
    var key = el('ul', 'sh-sunburst-key');
    rows.sort(function (a, b) { return b.duration - a.duration; });
    rows.slice(0, 40).forEach(function (row) {
      var li = el('li'), swatch = el('span', 'sh-swatch');
      swatch.style.background = row.color;
      swatch.style.opacity = row.opacity;
      li.appendChild(swatch);
      li.appendChild(el('span', '', row.name + ': ' +
        row.duration.toFixed(6) + ' s (' +
        (100 * row.duration / total).toFixed(1) + '%)'));
      key.appendChild(li);
    });
    return key;
  }

  function sunburst(root) {
    var box = el('div', 'sh-sunburst'), side = el('div', 'sh-sunburst-side');
    var info = el('div', 'sh-sunburst-info');
    var size = 520, levels = depth(root), ring = size / 2 / levels;
    var svg = document.createElementNS(SVGNS, 'svg');
    svg.setAttribute('width', size);
    svg.setAttribute('height', size);
    svg.setAttribute('viewBox', [-size / 2, -size / 2, size, size].join(' '));
    var total = root.duration || 1, rows = [], labels = [];
    var summary = 'Total: ' + total.toFixed(6) + ' s. Inner ring: the ' +
      'solutions; outer rings: their nodes (a sub-dispatch outside its node).';
    function draw(node, level, a0, a1, color) {
      if (level && a1 - a0 < 0.003) { return; }  // Too thin to see.
      var path = document.createElementNS(SVGNS, level ? 'path' : 'circle');
      var opacity = level ? 1 - 0.12 * (level - 1) : 1;
      if (level) {
        path.setAttribute('d', arc(level * ring, (level + 1) * ring, a0, a1));
      } else { path.setAttribute('r', ring); }
      path.setAttribute('fill', level ? color : '#ddd');
      path.setAttribute('fill-opacity', opacity);
      var title = document.createElementNS(SVGNS, 'title');
      title.textContent = node.name + ': ' + node.duration.toFixed(6) + ' s';
      path.appendChild(title);
      path.onmouseenter = function () { info.textContent = title.textContent; };
      path.onmouseleave = function () { info.textContent = summary; };
      svg.appendChild(path);
      if (level) {
        labels.push([node, level, a0, a1]);
        rows.push({name: node.name, duration: node.duration, color: color,
                   opacity: opacity});
      }
      var start = a0;
      (node.children || []).forEach(function (child, i) {
        var span = (a1 - a0) * (child.duration / (node.duration || 1));
        // Distinct colours for the steps of each solution.
        draw(child, level + 1, start, start + span,
             level < 2 ? COLORS[i % COLORS.length] : color);
        start += span;
      });
    }
    draw(root, 0, 0, 2 * Math.PI, '#ddd');
    labels.forEach(function (args) {
      label.apply(null, [svg, args[0], args[1], ring, args[2], args[3]]);
    });
    info.textContent = summary;
    box.appendChild(svg);
    side.appendChild(info);
    side.appendChild(keyOf(rows, total));
    box.appendChild(side);
    return box;
  }

  var time = document.getElementById('sh-time');
  if (data.icicle && data.icicle.children && data.icicle.children.length) {
    time.hidden = false;
    time.onclick = function () {
      showModal('Execution time', sunburst(data.icicle));
    };
  }

  build(data.tree, treeRoot, []);
  var start = new URLSearchParams(window.location.search).get('url');
  if (!start && data.tree.length) { start = data.tree[0].url; }
  if (start) { open(start); }
})();
